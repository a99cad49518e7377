package org.jcm.registry.projectregistry.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * A participant acts on the projects that name it, and only on those: it submits an idea note naming itself, takes the
 * project's steps and reads its history; another participant may do none of it, and every change records who made it.
 */
@QuarkusTest
class ParticipantScopeTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void aParticipantActsOnlyOnTheProjectsThatNameIt() {
        Fixtures.activate(codec, "BJ", "BEN", "Benin", Fixtures.tpe("TPE-BJ-1", "Verifier BJ", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("BJ", "Solar water pumps", 1);
        String note = Fixtures.ideaJson("BJ", methodology, "Solar pumps in Parakou", null).replace(
                "{\"name\": \"Local Energy LLC\", \"country\": \"BJ\", \"role\": \"PROJECT_PARTICIPANT\", \"focalPoint\": false}",
                "{\"name\": \"Local Energy LLC\", \"country\": \"BJ\", \"role\": \"PROJECT_PARTICIPANT\", \"focalPoint\": false, \"participantId\": \"PP-BJ-0001\"}");

        // A note that does not name the participant submitting it is not its project.
        as("PP-BJ-0002").body(note).when().post("/api/projects").then().statusCode(403).body("code", equalTo("JCM-SEC-003"));
        String id = as("PP-BJ-0001").body(note).when().post("/api/projects").then().statusCode(201)
                .body("participants.participantId", hasItem("PP-BJ-0001")).extract().path("id");

        String withdrawal = "{\"withdrawnOn\": \"2016-01-01\", \"reason\": \"no longer pursued\"}";
        as("PP-BJ-0002").when().get("/api/projects/" + id + "/history").then().statusCode(403).body("code", equalTo("JCM-SEC-003"));
        as("PP-BJ-0002").body(withdrawal).when().post("/api/projects/" + id + "/withdrawal").then().statusCode(403)
                .body("code", equalTo("JCM-SEC-003"));
        // A Joint Committee decision is not a participant's to record, whatever the project.
        as("PP-BJ-0001").body("{\"decisionReference\": \"JC-BJ-1\", \"decidedOn\": \"2016-01-01\"}").when()
                .post("/api/projects/" + id + "/no-objection").then().statusCode(403).body("code", equalTo("JCM-SEC-002"));

        as("PP-BJ-0001").body(withdrawal).when().post("/api/projects/" + id + "/withdrawal").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN"));
        as("PP-BJ-0001").when().get("/api/projects/" + id + "/history").then().statusCode(200)
                .body("actor", hasItem("participant-pp-bj-0001"), "[0].data.actor", equalTo("participant-pp-bj-0001"));
    }

    private static RequestSpecification as(String participant) {
        return Api.as(Api.tokens().participant(participant)).contentType(ContentType.JSON);
    }
}
