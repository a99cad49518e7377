package org.jcm.registry.countryonboarding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.idOf;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.variant;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.testsupport.KafkaAccess;
import org.jcm.registry.testsupport.KafkaClient;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * The broker's ACLs ({@code KafkaAccess}) bind each Kafka identity to its own topics: a partner-country system writes
 * only its own inbound topic and reads only its own outbound topic, and a service writes only its own topics. Every
 * refusal is the broker's authorization error, not a missing topic.
 */
@QuarkusTest
class KafkaAccessTest {

    /** Ethiopia's partner system: the partner of this test only. */
    private static final String OWN = "ET";
    /** Another partner, with its topics and user in place. */
    private static final String OTHER = "TH";

    @Test
    void aPartnerWritesItsOwnInboundTopicAndReadsTheAnswerOnItsOwnOutboundTopic() {
        KafkaClient ethiopia = TestInfra.asPartner(OWN);
        String event = variant("TpeDesignationNotified", OWN, "urn:jcm:partner:et-registry",
                Map.of("tpeId", "TPE-ET-1", "designatedOn", "2021-04-01"));

        ethiopia.publish(Topics.partnerInbound(OWN), OWN, event);

        // country-onboarding, as its own Kafka user, answers on Ethiopia's outbound topic, which Ethiopia may read.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ethiopia.readAll(Topics.partnerOutbound(OWN), Duration.ofMillis(300)))
                .extracting(r -> JsonPath.from(r.value()))
                .filteredOn(a -> idOf(event).equals(a.getString("data.answeredEventId")))
                .singleElement()
                .satisfies(a -> assertThat(a.getString("data.answeredBy")).isEqualTo("country-onboarding")));
    }

    @Test
    void aPartnerCannotWriteAnyOtherTopic() {
        KafkaClient ethiopia = TestInfra.asPartner(OWN);
        TestInfra.asPartner(OTHER);

        // Another country's inbound topic: it would speak for that country.
        refusedWrite(ethiopia, Topics.partnerInbound(OTHER));
        // Its own outbound topic: it would forge the registry's answers.
        refusedWrite(ethiopia, Topics.partnerOutbound(OWN));
        refusedWrite(ethiopia, Topics.partnerOutbound(OTHER));
        // The countries topic: credit-issuance would open a registry for a forged country snapshot.
        refusedWrite(ethiopia, Topics.COUNTRIES);
        // Any service's aggregate or dead-letter topic.
        for (String topic : KafkaAccess.serviceTopics()) {
            refusedWrite(ethiopia, topic);
        }
    }

    @Test
    void aPartnerCannotReadAnyOtherTopic() {
        KafkaClient ethiopia = TestInfra.asPartner(OWN);
        TestInfra.asPartner(OTHER);

        refusedRead(ethiopia, Topics.partnerOutbound(OTHER));
        refusedRead(ethiopia, Topics.partnerInbound(OTHER));
        refusedRead(ethiopia, Topics.COUNTRIES);
        refusedRead(ethiopia, Topics.deadLetter("country-onboarding"));
    }

    @Test
    void aPartnerCannotJoinAServicesConsumerGroup() {
        Properties props = TestInfra.asPartner(OWN).properties();
        // The service's own group: a member would take partitions away from the service.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "country-onboarding.partner-inbound");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.partnerOutbound(OWN)));
            Throwable refused = catchThrowable(() -> consumer.poll(Duration.ofSeconds(10)));
            assertThat(refused).isInstanceOfSatisfying(GroupAuthorizationException.class,
                    e -> assertThat(e.groupId()).isEqualTo("country-onboarding.partner-inbound"));
        }
    }

    @Test
    void aServiceCannotWriteAnotherServicesTopics() {
        // project-registry reads the countries topic, but may not write it.
        refusedWrite(TestInfra.asService("project-registry"), Topics.COUNTRIES);
        refusedWrite(TestInfra.asService("credit-issuance"), Topics.COUNTRIES);
        refusedWrite(TestInfra.asService("credit-issuance"), Topics.PROJECTS);
        refusedWrite(TestInfra.asService("country-onboarding"), Topics.TRANSACTIONS);
        refusedWrite(TestInfra.asService("project-registry"), Topics.deadLetter("credit-issuance"));
        // credit-issuance consumes no partner inbound topic, so it may not read one.
        refusedRead(TestInfra.asService("credit-issuance"), Topics.partnerInbound(OTHER));
    }

    private static void refusedWrite(KafkaClient client, String topic) {
        Throwable refused = catchThrowable(() -> client.publish(topic, "key", "{\"forged\": \"" + UUID.randomUUID() + "\"}"));
        assertThat(refused).as("%s writing %s", client.credentials().username(), topic).isNotNull();
        assertThat(refused.getCause()).as("%s writing %s", client.credentials().username(), topic)
                .isInstanceOfSatisfying(TopicAuthorizationException.class, e -> assertThat(e.unauthorizedTopics()).containsExactly(topic));
    }

    private static void refusedRead(KafkaClient client, String topic) {
        Throwable refused = catchThrowable(() -> client.readAll(topic, Duration.ofMillis(200)));
        assertThat(refused).as("%s reading %s", client.credentials().username(), topic)
                .isInstanceOfSatisfying(TopicAuthorizationException.class, e -> assertThat(e.unauthorizedTopics()).containsExactly(topic));
    }
}
