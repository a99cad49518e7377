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
import java.util.regex.Pattern;

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
    }

    @Test
    void creditIssuanceReadsTheProjectsTopicAndEveryPartnersInboundTopicInItsOwnGroups() {
        KafkaClient creditIssuance = TestInfra.asService("credit-issuance");
        TestInfra.asPartner(OTHER);

        // Verified reductions come from project-registry's project events.
        reads(creditIssuance, "credit-issuance", Pattern.compile(Pattern.quote(Topics.PROJECTS)), Topics.PROJECTS);
        // Issuance requests and transfer answers come from every partner's inbound topic, found by pattern.
        reads(creditIssuance, "credit-issuance.partner-inbound", Pattern.compile("jcm\\.partner\\.[a-z]{2}\\.inbound\\.v1"),
                Topics.partnerInbound(OTHER));
        // Nothing it does not consume: not another service's dead-letter topic.
        refusedRead(creditIssuance, Topics.deadLetter("country-onboarding"));
    }

    private static void refusedWrite(KafkaClient client, String topic) {
        Throwable refused = catchThrowable(() -> client.publish(topic, "key", "{\"forged\": \"" + UUID.randomUUID() + "\"}"));
        assertThat(refused).as("%s writing %s", client.credentials().username(), topic).isNotNull();
        assertThat(refused.getCause()).as("%s writing %s", client.credentials().username(), topic)
                .isInstanceOfSatisfying(TopicAuthorizationException.class, e -> assertThat(e.unauthorizedTopics()).containsExactly(topic));
    }

    /**
     * Subscribes as {@code client} in {@code group} and fetches from {@code topic}: the assignment needs Describe on the
     * topic and Read on the group, the fetches Read on the topic, which the broker would refuse with a
     * {@link TopicAuthorizationException} from poll.
     */
    private static void reads(KafkaClient client, String group, Pattern subscription, String topic) {
        Properties props = client.properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(subscription);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return consumer.assignment().stream().anyMatch(p -> p.topic().equals(topic));
            });
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200));
            }
            consumer.assignment().stream().filter(p -> p.topic().equals(topic)).forEach(p -> assertThat(consumer.position(p)).isNotNegative());
        }
    }

    private static void refusedRead(KafkaClient client, String topic) {
        Throwable refused = catchThrowable(() -> client.readAll(topic, Duration.ofMillis(200)));
        assertThat(refused).as("%s reading %s", client.credentials().username(), topic)
                .isInstanceOfSatisfying(TopicAuthorizationException.class, e -> assertThat(e.unauthorizedTopics()).containsExactly(topic));
    }
}
