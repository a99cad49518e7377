package org.jcm.registry.projectregistry.partner;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.projectregistry.contract.ContractSchemas;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Joint Committee decisions published by a partner-country system, read from the golden examples of the contract. */
@QuarkusTest
class PartnerDecisionsTest {

    @Inject
    CloudEventCodec codec;

    /**
     * Creates the partner topics these tests use before they matter, with an event another service applies (passed
     * over here): a pattern subscription finds a new topic only after its next metadata refresh and rebalance.
     */
    @BeforeAll
    static void partnerTopics() {
        for (String country : new String[]{"UZ", "TZ", "PG"}) {
            String event = ContractSchemas.example("ProjectNoObjectionNotified")
                    .replaceAll("\"id\": \"[^\"]+\"", "\"id\": \"" + UUID.randomUUID() + "\"")
                    .replace("\"type\": \"ProjectNoObjectionNotified\"", "\"type\": \"IssuanceNotified\"")
                    .replace("\"country\": \"UZ\"", "\"country\": \"" + country + "\"");
            TestInfra.publish(Topics.partnerInbound(country), country, event);
        }
    }

    @Test
    void appliesTheJointCommitteesDecisionsOnceAndAsAnOperatorWould() {
        Fixtures.activate(codec, "UZ", "UZB", "Uzbekistan", Fixtures.tpe("TPE-UZ-1", "Verifier UZ", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("UZ", "Solar power for the grid", 1);
        String id = Fixtures.ideaNote("UZ", methodology, "Solar park near Samarkand");
        given().when().get("/api/projects/" + id).then().body("project.pinReference", equalTo("UZ_PIN001"));

        String noObjection = ContractSchemas.example("ProjectNoObjectionNotified");
        ContractSchemas.assertValidEvent(noObjection);
        TestInfra.publish(Topics.partnerInbound("UZ"), "UZ_PIN001", noObjection);
        TestInfra.publish(Topics.partnerInbound("UZ"), "UZ_PIN001", noObjection);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().when().get("/api/projects/" + id).then()
                .body("project.state", equalTo("NO_OBJECTION"), "project.noObjection.reference", equalTo("JC-UZ-03/2023-01"),
                        "project.noObjection.decidedOn", equalTo("2023-03-14")));

        Fixtures.post("/api/projects/" + id + "/design-publication", """
                {"publishedOn": "2023-04-01", "designDocument": {"uri": "https://jcm.example.org/uz/pdd.pdf", "sha256": "%s"}}"""
                .formatted(Fixtures.SHA)).statusCode(200);
        Fixtures.post("/api/projects/" + id + "/validation", """
                {"tpeId": "TPE-UZ-1", "validatedOn": "2023-08-01", "report": {"uri": "https://jcm.example.org/uz/val.pdf", "sha256": "%s"}}"""
                .formatted(Fixtures.SHA)).statusCode(200);
        Fixtures.post("/api/projects/" + id + "/registration-request", "{\"requestedOn\": \"2023-09-01\"}").statusCode(200);

        String registration = ContractSchemas.example("ProjectRegistrationNotified");
        ContractSchemas.assertValidEvent(registration);
        TestInfra.publish(Topics.partnerInbound("UZ"), "UZ_PIN001", registration);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().when().get("/api/projects/" + id).then()
                .body("project.state", equalTo("REGISTERED"), "project.reference", equalTo("UZ001"),
                        "project.registration.reference", equalTo("JC-UZ-05/2023-02")));
        // The same decision again under a new event id (a partner resending it) changes nothing and is not a dead letter.
        TestInfra.publish(Topics.partnerInbound("UZ"), "UZ_PIN001",
                registration.replace("9d2e7b14-5a6c-4f3b-8e2d-1c0b9a8f7e62", UUID.randomUUID().toString()));

        given().when().get("/api/projects/" + id + "/history").then().statusCode(200)
                .body("findAll { it.type == 'ProjectNoObjectionGranted' }", hasSize(1),
                        "findAll { it.type == 'ProjectRegistered' }.data.actor", hasItem("partner:UZ"));
    }

    @Test
    void deadLettersDecisionsThatBreakARuleOrNameAnotherCountry() {
        Fixtures.activate(codec, "TZ", "TZA", "Tanzania", Fixtures.tpe("TPE-TZ-1", "Verifier TZ", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("TZ", "Mini-grids", 1);
        String id = Fixtures.ideaNote("TZ", methodology, "Solar mini-grids on Lake Victoria");
        Fixtures.activate(codec, "PG", "PNG", "Papua New Guinea");

        String registrationTooEarly = partnerEvent("TZ", "ProjectRegistrationNotified", "TZ_PIN001");
        String otherCountrysProject = partnerEvent("PG", "ProjectNoObjectionNotified", "TZ_PIN001");
        String wrongTopic = partnerEvent("TZ", "ProjectNoObjectionNotified", "TZ_PIN001");
        String unknownProject = partnerEvent("TZ", "ProjectNoObjectionNotified", "TZ_PIN404");
        TestInfra.publish(Topics.partnerInbound("TZ"), "TZ_PIN001", registrationTooEarly);
        TestInfra.publish(Topics.partnerInbound("PG"), "TZ_PIN001", otherCountrysProject);
        TestInfra.publish(Topics.partnerInbound("PG"), "TZ_PIN001", wrongTopic);
        TestInfra.publish(Topics.partnerInbound("TZ"), "TZ_PIN404", unknownProject);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var letters = given().when().get("/api/dead-letters?limit=1000").then().statusCode(200).extract().jsonPath();
            assertReason(letters, registrationTooEarly, "JCM-PRJ-002");
            assertReason(letters, otherCountrysProject, "JCM-PRJ-016");
            assertReason(letters, wrongTopic, "JCM-MSG-003");
            assertReason(letters, unknownProject, "JCM-PRJ-001");
        });
        given().when().get("/api/projects/" + id).then().body("project.state", equalTo("IDEA_SUBMITTED"));
    }

    private static void assertReason(io.restassured.path.json.JsonPath letters, String event, String code) {
        String eventId = ContractSchemas.read(event).path("id").asText();
        org.assertj.core.api.Assertions.assertThat(letters.<String>getList("findAll { it.eventId == '" + eventId + "' }.reasonCode"))
                .containsExactly(code);
    }

    private static String partnerEvent(String country, String type, String pin) {
        return ContractSchemas.example(type)
                .replaceAll("\"id\": \"[^\"]+\"", "\"id\": \"" + UUID.randomUUID() + "\"")
                .replace("\"country\": \"UZ\"", "\"country\": \"" + country + "\"")
                .replace("urn:jcm:partner:uz-registry", "urn:jcm:partner:" + country.toLowerCase() + "-registry")
                .replace("UZ_PIN001", pin);
    }
}
