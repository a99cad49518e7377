package org.jcm.registry.countryonboarding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.jcm.registry.countryonboarding.country.Onboarding.post;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.publish;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.countryonboarding.contract.Contract;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * Thailand, from proposal to ACTIVE with two designated TPEs, then suspended and reinstated: operators act over
 * HTTP, Thailand's own system publishes its Joint Committee's decisions (the golden examples, each delivered three
 * times). Every step shows in the history, and on the countries topic as events that match the published schemas.
 */
@QuarkusTest
class ThailandOnboardingTest {

    private static final List<String> STEPS = List.of("PartnerCountryProposed", "BilateralDocumentSigned", "JointCommitteeEstablished",
            "PartnerCountryActivated", "ThirdPartyEntityDesignated", "ThirdPartyEntityDesignated", "PartnerCountrySuspended",
            "PartnerCountryReinstated", "ThirdPartyEntityWithdrawn");

    @Test
    void thailandStepByStep() {
        Onboarding.propose("TH", "Thailand");
        Onboarding.sign("TH", "2015-11-19");

        deliverThreeTimes("JointCommitteeEstablishmentNotified");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/TH").then()
                .body("state", equalTo("JOINT_COMMITTEE_ESTABLISHED"), "jointCommitteeEstablishedOn", equalTo("2016-02-04")));

        Onboarding.activate("TH", "2016-03-01", "urn:jcm:partner:th-registry");
        Onboarding.designate("TH", "TPE-TH-001", "1, 3", "2016-02-20");
        deliverThreeTimes("TpeDesignationNotified");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/TH").then()
                .body("state", equalTo("ACTIVE"), "thirdPartyEntities.tpeId", contains("TPE-TH-001", "TPE-TH-002")));
        given().queryParam("scope", 7).queryParam("on", "2016-02-20").when().get("/api/countries/TH/tpes").then().statusCode(200)
                .body("tpeId", contains("TPE-TH-002"));

        post("/api/countries/TH/suspension", "{\"suspendedOn\": \"2025-01-10\", \"reason\": \"JC decision JC-TH-2025-01\"}").statusCode(200)
                .body("state", equalTo("SUSPENDED"));
        post("/api/countries/TH/reinstatement", "{\"reinstatedOn\": \"2025-02-01\"}").statusCode(200).body("state", equalTo("ACTIVE"));

        // Applied after the duplicates before it on the same partition: once it shows, they have all been seen.
        deliverThreeTimes("TpeWithdrawalNotified");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/TH/tpes/TPE-TH-002").then()
                .body("withdrawnOn", equalTo("2025-03-31")));

        JsonPath history = given().when().get("/api/countries/TH/history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("type", String.class)).containsExactlyElementsOf(STEPS);
        assertThat(history.getList("version", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(history.getList("actor", String.class)).containsExactly("operator", "operator", "partner:TH", "operator", "operator",
                "partner:TH", "operator", "operator", "partner:TH");
        assertThat(history.getString("[6].data.reason")).isEqualTo("JC decision JC-TH-2025-01");
        assertThat(history.getString("[6].data.country.state")).isEqualTo("SUSPENDED");
        assertThat(history.getList("[5].data.country.thirdPartyEntities.tpeId", String.class)).containsExactly("TPE-TH-001", "TPE-TH-002");
        given().when().get("/api/countries/TH").then().body("version", equalTo(9), "state", equalTo("ACTIVE"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TestInfra.readAll(Topics.COUNTRIES, Duration.ofMillis(500)).stream()
                    .filter(r -> "TH".equals(r.key())).toList();
            assertThat(records.stream().map(r -> Contract.json(r.value()).get("type").asText())).containsExactlyElementsOf(STEPS);
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = Contract.json(record.value());
                String type = event.get("type").asText();
                assertThat(event.get("dataschema").asText()).isEqualTo("urn:jcm:schema:" + type + ":v1");
                assertThat(event.get("subject").asText()).isEqualTo("TH");
                assertThat(Contract.violations(type, event.get("data"))).as("%s against its schema", type).isEmpty();
            }
        });
        given().queryParam("limit", 1000).when().get("/api/dead-letters").then().statusCode(200)
                .body("findAll { it.topic == 'jcm.partner.th.inbound.v1' }.size()", equalTo(0));
        given().queryParam("state", "ACTIVE").when().get("/api/countries").then().body("code", hasItem("TH"));
    }

    private static void deliverThreeTimes(String type) {
        String golden = Contract.example(type);
        for (int i = 0; i < 3; i++) {
            publish("TH", golden);
        }
    }
}
