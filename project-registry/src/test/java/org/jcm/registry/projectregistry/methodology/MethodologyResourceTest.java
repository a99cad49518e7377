package org.jcm.registry.projectregistry.methodology;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.jcm.registry.projectregistry.Fixtures.post;
import static org.jcm.registry.projectregistry.Fixtures.problem;
import static org.jcm.registry.testsupport.Api.given;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MethodologyResourceTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void proposesApprovesRevisesAndWithdrawsMethodologiesNumberedPerCountry() {
        Fixtures.activate(codec, "MX", "MEX", "Mexico");
        String id = post("/api/methodologies", """
                {"country": "MX", "title": "Solar PV in industrial parks", "sectoralScope": 1, "proposedOn": "2015-01-10"}""")
                .statusCode(201).body("state", equalTo("PROPOSED"), "reference", nullValue(), "version", equalTo(1)).extract().path("id");
        String rejected = post("/api/methodologies", """
                {"country": "MX", "title": "Unclear baseline", "sectoralScope": 3, "proposedOn": "2015-01-10"}""")
                .statusCode(201).extract().path("id");
        post("/api/methodologies/" + rejected + "/rejection",
                "{\"decisionReference\": \"JC-MX-R\", \"decidedOn\": \"2015-02-01\", \"reason\": \"baseline\"}")
                .statusCode(200).body("state", equalTo("REJECTED"), "reference", nullValue());

        problem(post("/api/methodologies/" + id + "/approval", "{\"decisionReference\": \"JC-MX-1\", \"decidedOn\": \"2015-01-01\"}"), 422,
                "JCM-MTH-007");
        problem(post("/api/methodologies/" + id + "/approval",
                "{\"decisionReference\": \"JC-MX-1\", \"decidedOn\": \"" + LocalDate.now().plusDays(1) + "\"}"),
                422, "JCM-MTH-006");
        post("/api/methodologies/" + id + "/approval", "{\"decisionReference\": \"JC-MX-1\", \"decidedOn\": \"2015-02-01\"}").statusCode(200)
                .body("state", equalTo("APPROVED"), "reference", equalTo("MX_AM001"), "approval.reference", equalTo("JC-MX-1"));
        problem(post("/api/methodologies/" + id + "/approval", "{\"decisionReference\": \"JC-MX-1\", \"decidedOn\": \"2015-02-01\"}"), 409,
                "JCM-MTH-002");
        problem(post("/api/methodologies/" + rejected + "/revision", "{\"decisionReference\": \"JC-MX-2\", \"decidedOn\": \"2016-02-01\"}"), 409,
                "JCM-MTH-002");
        org.assertj.core.api.Assertions.assertThat(Fixtures.approvedMethodology("MX", "Efficient boilers", 1)).isEqualTo("MX_AM002");

        post("/api/methodologies/MX_AM001/revision",
                "{\"decisionReference\": \"JC-MX-2\", \"decidedOn\": \"2016-02-01\", \"title\": \"Solar PV, v2\"}")
                .statusCode(200)
                .body("version", equalTo(2), "reference", equalTo("MX_AM001"), "title", equalTo("Solar PV, v2"), "state", equalTo("APPROVED"));
        given().queryParam("country", "MX").queryParam("state", "APPROVED").when().get("/api/methodologies").then().statusCode(200)
                .body("reference", contains("MX_AM001", "MX_AM002"), "country", everyItem(equalTo("MX")));
        given().queryParam("state", "REJECTED").when().get("/api/methodologies").then().statusCode(200).body("id", hasItem(rejected));
        problem(given().queryParam("state", "MAYBE").when().get("/api/methodologies").then(), 400, "JCM-REQ-001");

        post("/api/methodologies/MX_AM001/withdrawal",
                "{\"decisionReference\": \"JC-MX-3\", \"decidedOn\": \"2017-02-01\", \"reason\": \"outdated\"}")
                .statusCode(200).body("state", equalTo("WITHDRAWN"));
        problem(post("/api/projects", Fixtures.ideaJson("MX", "MX_AM001", "Too late for a withdrawn methodology", null)), 422, "JCM-PRJ-006");
        given().queryParam("country", "MX").queryParam("state", "APPROVED").when().get("/api/methodologies").then()
                .body("reference", not(hasItem("MX_AM001")));
        given().when().get("/api/methodologies/" + id).then().statusCode(200).body("reference", equalTo("MX_AM001"), "version", equalTo(2));
        given().when().get("/api/methodologies/MX_AM001/history").then().statusCode(200)
                .body("type", contains("MethodologyProposed", "MethodologyApproved", "MethodologyRevised", "MethodologyWithdrawn"));
    }

    @Test
    void refusesWhatBreaksARuleWithItsCode() {
        Fixtures.known(codec, "SN", "SEN", "Senegal", CountryState.BILATERAL_DOCUMENT_SIGNED);
        problem(post("/api/methodologies", "{\"country\": \"SN\", \"title\": \"Early\", \"sectoralScope\": 1}"), 409, "JCM-MTH-004");
        problem(post("/api/methodologies", "{\"country\": \"QQ\", \"title\": \"Unknown\", \"sectoralScope\": 1}"), 422, "JCM-MTH-003");
        problem(post("/api/methodologies", "{\"country\": \"MX\", \"title\": \"Scope\", \"sectoralScope\": 16}"), 400, "JCM-REQ-001")
                .body("errors.field", hasItem("sectoralScope"));
        problem(post("/api/methodologies", "{\"country\": \"mx\", \"title\": \"Case\", \"sectoralScope\": 1}"), 400, "JCM-REQ-001");
        problem(given().when().get("/api/methodologies/ZZ_AM999").then(), 404, "JCM-MTH-001");
        problem(post("/api/methodologies/" + java.util.UUID.randomUUID() + "/approval",
                "{\"decisionReference\": \"x\", \"decidedOn\": \"2015-02-01\"}"),
                404, "JCM-MTH-001");
    }
}
