package org.jcm.registry.countryonboarding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.awaitDeadLetter;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.idOf;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.variant;
import static org.jcm.registry.testsupport.Api.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.countryonboarding.contract.Contract;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * A partner system speaks CloudEvents in either Kafka mode, and hears back about every event it published: applied,
 * duplicate, or refused with the rule's code, on its outbound topic.
 */
@QuarkusTest
class PartnerProtocolTest {

    private static final String SYSTEM = "urn:jcm:partner:sc-registry";

    @Test
    void aGoldenEventInBinaryModeIsAppliedAndAnswered() {
        Onboarding.onboard("SC", "Seychelles", "2021-03-01", SYSTEM);
        String golden = variant("TpeDesignationNotified", "SC", SYSTEM, Map.of("tpeId", "TPE-SC-1", "designatedOn", "2021-04-01"));
        String id = idOf(golden);
        String data = Contract.json(golden).get("data").toString();

        TestInfra.publish(Topics.partnerInbound("SC"), "SC", data, header("ce_specversion", "1.0"), header("ce_id", id),
                header("ce_source", SYSTEM), header("ce_type", "TpeDesignationNotified"), header("ce_subject", "SC"),
                header("ce_time", "2021-04-02T09:00:00Z"), header("ce_dataschema", "urn:jcm:schema:TpeDesignationNotified:v1"),
                header("content-type", "application/json"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/SC/tpes").then().statusCode(200)
                .body("tpeId", hasItem("TPE-SC-1")));
        JsonPath answer = awaitAnswer("SC", id);
        assertThat(answer.getString("data.outcome")).isEqualTo("APPLIED");
        assertThat(answer.getString("data.answeredBy")).isEqualTo("country-onboarding");
        assertThat(answer.getString("data.answeredEventType")).isEqualTo("TpeDesignationNotified");
        assertThat(answer.getString("type")).isEqualTo("PartnerEventAnswered");
    }

    @Test
    void aMalformedEventIsDeadLetteredOnceAndTheRefusalIsAnswered() {
        Onboarding.onboard("MU", "Mauritius", "2021-05-01", "urn:jcm:partner:mu-registry");
        String incomplete = variant("TpeDesignationNotified", "MU", "urn:jcm:partner:mu-registry", java.util.Collections.singletonMap("tpeId", null));
        PartnerEvents.publish("MU", incomplete);

        Map<String, Object> dead = awaitDeadLetter("MU", idOf(incomplete));
        assertThat(dead.get("reasonCode")).isEqualTo("JCM-MSG-001");
        List<Map<String, Object>> letters = given().queryParam("limit", 1000).when().get("/api/dead-letters").then().extract().jsonPath()
                .getList("$");
        assertThat(letters).filteredOn(l -> idOf(incomplete).equals(l.get("eventId"))).hasSize(1);

        JsonPath refusal = awaitAnswer("MU", idOf(incomplete));
        assertThat(refusal.getString("data.outcome")).isEqualTo("REFUSED");
        assertThat(refusal.getString("data.ruleCode")).isEqualTo("JCM-MSG-001");
        assertThat(refusal.getString("data.reason")).contains("tpeId").doesNotContain("Exception");
    }

    @Test
    void aDuplicateIsAnsweredAsSuch() {
        Onboarding.onboard("BB", "Barbados", "2021-06-01", "urn:jcm:partner:bb-registry");
        String event = variant("TpeDesignationNotified", "BB", "urn:jcm:partner:bb-registry",
                Map.of("tpeId", "TPE-BB-1", "designatedOn", "2021-07-01"));
        PartnerEvents.publish("BB", event);
        PartnerEvents.publish("BB", event);
        await().atMost(Duration.ofSeconds(60)).until(() -> answers("BB", idOf(event)).size() == 2);
        assertThat(answers("BB", idOf(event)).stream().map(a -> a.getString("data.outcome"))).containsExactly("APPLIED", "DUPLICATE");
    }

    private static JsonPath awaitAnswer(String country, String eventId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !answers(country, eventId).isEmpty());
        return answers(country, eventId).get(0);
    }

    /** The answers to one event, each checked against the published schema of answers. */
    private static List<JsonPath> answers(String country, String eventId) {
        List<String> values = TestInfra.readAll(Topics.partnerOutbound(country), Duration.ofMillis(300)).stream().map(ConsumerRecord::value)
                .filter(v -> eventId.equals(JsonPath.from(v).getString("data.answeredEventId"))).toList();
        values.forEach(v -> assertThat(Contract.answerViolations(Contract.json(v).get("data"))).as(v).isEmpty());
        return values.stream().map(JsonPath::from).toList();
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
