package org.jcm.registry.projectregistry.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.projectregistry.Fixtures.SHA;
import static org.jcm.registry.projectregistry.Fixtures.post;
import static org.jcm.registry.projectregistry.Fixtures.problem;
import static org.jcm.registry.testsupport.Api.given;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.junit.jupiter.api.Test;

/** Each step records its document under its own kind and finds it again by that kind, whatever kind a caller writes. */
@QuarkusTest
class DocumentKindTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void theValidationReportIsKeptWhenTheCallerNamesItsKind() {
        Fixtures.activate(codec, "MV", "MDV", "Maldives", Fixtures.tpe("TPE-MV-1", "Lloyd's Register Quality Assurance", 1,
                LocalDate.of(2016, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("MV", "Power generation by waste heat recovery", 1);
        String id = Fixtures.ideaNote("MV", methodology, "Waste heat recovery in a cement plant");
        post("/api/projects/" + id + "/no-objection", "{\"decisionReference\": \"JC-MV-1\", \"decidedOn\": \"2017-04-01\"}").statusCode(200);
        problem(post("/api/projects/" + id + "/design-publication",
                """
                        {"publishedOn": "2017-05-01", "designDocument": {"kind": "VALIDATION_REPORT", "uri": "https://jcm.example.org/mv/pdd.pdf", "sha256": "%s"}}"""
                        .formatted(SHA)),
                422, "JCM-PRJ-010");
        post("/api/projects/" + id + "/design-publication", """
                {"publishedOn": "2017-05-01", "designDocument": {"kind": "PDD", "uri": "https://jcm.example.org/mv/pdd.pdf", "sha256": "%s"}}"""
                .formatted(SHA)).statusCode(200);
        problem(post("/api/projects/" + id + "/validation",
                """
                        {"tpeId": "TPE-MV-1", "validatedOn": "2017-08-01", "report": {"kind": "ANNEX", "uri": "https://jcm.example.org/mv/val.pdf", "sha256": "%s"}}"""
                        .formatted(SHA)),
                422, "JCM-PRJ-010");

        post("/api/projects/" + id + "/validation",
                """
                        {"tpeId": "TPE-MV-1", "validatedOn": "2017-08-01", "report": {"kind": "VALIDATION_REPORT", "uri": "https://jcm.example.org/mv/val.pdf", "sha256": "%s"}}"""
                        .formatted(SHA))
                .statusCode(200)
                .body("validation.report.uri", equalTo("https://jcm.example.org/mv/val.pdf"), "validation.report.kind", equalTo("VALIDATION_REPORT"));

        JsonPath history = given().when().get("/api/projects/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("find { it.type == 'ProjectValidated' }.data.validation.report.uri"))
                .isEqualTo("https://jcm.example.org/mv/val.pdf");
        assertThat(history.getString("find { it.type == 'ProjectDesignPublished' }.data.designDocument.kind")).isEqualTo("PDD");
    }
}
