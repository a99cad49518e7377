package org.jcm.registry.projectregistry.project;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.jcm.registry.projectregistry.Fixtures.SHA;
import static org.jcm.registry.projectregistry.Fixtures.post;
import static org.jcm.registry.projectregistry.Fixtures.problem;
import static org.jcm.registry.testsupport.Api.given;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of the project cycle and every refusal, with its rule code. */
@QuarkusTest
class ProjectResourceTest {

    @Inject
    CloudEventCodec codec;

    private String methodology;

    @BeforeEach
    void indonesia() {
        Fixtures.activate(codec, "ID", "IDN", "Indonesia", Fixtures.tpe("TPE-ID-1", "Verifier ID", 1, LocalDate.of(2014, 1, 1), null));
        methodology = given().queryParam("country", "ID").queryParam("state", "APPROVED").when().get("/api/methodologies").then().extract()
                .path("[0].reference");
        if (methodology == null) {
            methodology = Fixtures.approvedMethodology("ID", "Power generation by solar PV", 1);
        }
    }

    @Test
    void refusesIdeaNotesWhoseContentBreaksARule() {
        String ok = Fixtures.ideaJson("ID", methodology, "Solar on Bali", null);
        problem(post("/api/projects", ok.replace("\"participants\": 40", "\"participants\": 30")), 422, "JCM-PRJ-008");
        problem(post("/api/projects", ok.replace("\"focalPoint\": false", "\"focalPoint\": true")), 422, "JCM-PRJ-009");
        problem(post("/api/projects", ok.replace(SHA, "ABC")), 422, "JCM-PRJ-010");
        problem(post("/api/projects", ok.replace("https://jcm.example.org/docs/pin.pdf", "pin.pdf")), 422, "JCM-PRJ-010");
        problem(post("/api/projects", ok.replace("\"end\": \"2030-12-31\"", "\"end\": \"2010-12-31\"")), 422, "JCM-PRJ-011");
        problem(post("/api/projects", Fixtures.ideaJson("ID", methodology, "Half a city", "{\"japaneseCity\": \"Yokohama\"}")), 422, "JCM-PRJ-012");
        problem(post("/api/projects", ok.replace("2015-03-01", LocalDate.now().plusDays(3).toString())), 422, "JCM-PRJ-013");
        problem(post("/api/projects", Fixtures.ideaJson("ID", "MN_AM003", "Foreign methodology", null)), 422, "JCM-PRJ-006");
        problem(post("/api/projects", ok.replace("\"title\": \"Solar on Bali\",", "")), 400, "JCM-REQ-001").body("errors.field", hasItem("title"));
        problem(post("/api/projects", "{\"title\": "), 400, "JCM-REQ-002");
    }

    /** A request that breaks several numbered rules is told every one of them, in one problem. */
    @Test
    void anIdeaNoteBreakingTwoRulesGetsBothCodesInOneProblem() {
        String twoFocalPointsAndNinetyPercent = Fixtures.ideaJson("ID", methodology, "Solar on Sumba", null)
                .replace("\"focalPoint\": false", "\"focalPoint\": true").replace("\"participants\": 40", "\"participants\": 30");
        problem(post("/api/projects", twoFocalPointsAndNinetyPercent), 422, "JCM-PRJ-009")
                .body("violations.code", contains("JCM-PRJ-009", "JCM-PRJ-008"))
                .body("violations.detail", everyItem(not(emptyOrNullString())));
    }

    @Test
    void walksTheCycleAndRefusesStepsOutOfOrder() {
        String id = Fixtures.ideaNote("ID", methodology, "Solar on Lombok");
        problem(post("/api/projects/" + id + "/design-publication", """
                {"publishedOn": "2015-05-01", "designDocument": {"uri": "https://jcm.example.org/pdd.pdf", "sha256": "%s"}}""".formatted(SHA)),
                409, "JCM-PRJ-002");
        problem(post("/api/projects/" + id + "/no-objection", "{\"decisionReference\": \"JC-1\", \"decidedOn\": \"2014-01-01\"}"), 422,
                "JCM-PRJ-014");
        problem(post("/api/projects/" + id + "/no-objection",
                "{\"decisionReference\": \"JC-1\", \"decidedOn\": \"" + LocalDate.now().plusDays(1) + "\"}"),
                422, "JCM-PRJ-013");
        problem(post("/api/projects/" + id + "/no-objection", "{\"decidedOn\": \"2015-04-01\"}"), 400, "JCM-REQ-001");
        post("/api/projects/" + id + "/no-objection", "{\"decisionReference\": \"JC-1\", \"decidedOn\": \"2015-04-01\"}").statusCode(200)
                .body("state", equalTo("NO_OBJECTION"), "noObjection.reference", equalTo("JC-1"));
        post("/api/projects/" + id + "/no-objection", "{\"decisionReference\": \"JC-1\", \"decidedOn\": \"2015-04-01\"}").statusCode(200)
                .body("state", equalTo("NO_OBJECTION"), "revision", equalTo(2));
        problem(post("/api/projects/" + id + "/no-objection", "{\"decisionReference\": \"JC-2\", \"decidedOn\": \"2015-04-02\"}"), 409,
                "JCM-PRJ-015");
        problem(post("/api/projects/" + id + "/registration", "{\"decisionReference\": \"JC-R\", \"decidedOn\": \"2015-10-01\"}"), 409,
                "JCM-PRJ-002");
        problem(post("/api/projects/" + id + "/registration-request", "{}"), 409, "JCM-PRJ-002");
        problem(post("/api/projects/" + id + "/validation",
                """
                        {"tpeId": "TPE-ID-1", "validatedOn": "2015-08-01", "report": {"uri": "https://jcm.example.org/val.pdf", "sha256": "%s"}}"""
                        .formatted(SHA)),
                409, "JCM-PRJ-002");
        problem(post("/api/projects/" + id + "/deregistration", "{\"decisionReference\": \"JC-D\", \"decidedOn\": \"2015-10-01\"}"), 409,
                "JCM-PRJ-002");
        post("/api/projects/" + id + "/withdrawal", "{\"withdrawnOn\": \"2015-06-01\", \"reason\": \"site lost\"}").statusCode(200)
                .body("state", equalTo("WITHDRAWN"), "withdrawnOn", equalTo("2015-06-01"));
        problem(post("/api/projects/" + id + "/withdrawal", "{}"), 409, "JCM-PRJ-002");
        given().when().get("/api/projects/" + id + "/history").then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("ProjectIdeaSubmitted", "ProjectNoObjectionGranted", "ProjectWithdrawn"));
        problem(given().when().get("/api/projects/" + java.util.UUID.randomUUID()).then(), 404, "JCM-PRJ-001");
        problem(given().when().get("/api/projects/nothing/history").then(), 404, "JCM-PRJ-001");
        problem(post("/api/projects/ID999/no-objection", "{\"decisionReference\": \"JC-1\", \"decidedOn\": \"2015-04-01\"}"), 404, "JCM-PRJ-001");
    }

    @Test
    void monitorsAndVerifiesARegisteredProjectAndRefusesWhatBreaksTheRules() {
        String id = Fixtures.ideaNote("ID", methodology, "Solar on Sumatra");
        String reports = "/api/projects/" + id + "/monitoring-reports";
        problem(post(reports, report("2018-01-01", "2018-12-31", "[{\"vintage\": 2018, \"tonnes\": 100}]")), 409, "JCM-PRJ-021");
        Fixtures.upToRegistrationRequest(id, "TPE-ID-1");
        String reference = Fixtures.register(id, "JC-ID-R").statusCode(200).extract().path("reference");

        problem(post(reports, report("2015-06-01", "2016-03-31", "[{\"vintage\": 2015, \"tonnes\": 1}, {\"vintage\": 2016, \"tonnes\": 1}]")), 422,
                "JCM-PRJ-022");
        problem(post(reports, report("2020-06-01", "2021-03-31", "[{\"vintage\": 2020, \"tonnes\": 100}]")), 422, "JCM-PRJ-024");
        problem(post(reports, report("2020-06-01", "2020-12-31", "[{\"vintage\": 2020, \"tonnes\": 100}, {\"vintage\": 2020, \"tonnes\": 1}]")), 422,
                "JCM-PRJ-024");
        problem(post(reports, report("2020-06-01", "2020-12-31", "[{\"vintage\": 2020, \"tonnes\": 100}]").replace("\"submittedOn\"",
                "\"totalClaimed\": 99, \"submittedOn\"")), 422, "JCM-PRJ-024");
        String first = post(reports,
                report("2020-06-01", "2021-03-31", "[{\"vintage\": 2020, \"tonnes\": 700}, {\"vintage\": 2021, \"tonnes\": 300}]"))
                .statusCode(201).body("totalClaimed", equalTo(1000)).extract().path("id");
        problem(post(reports, report("2021-03-31", "2021-06-30", "[{\"vintage\": 2021, \"tonnes\": 10}]")), 409, "JCM-PRJ-023");
        problem(post(reports, report("2020-07-01", "2021-03-31", "[{\"vintage\": 2020, \"tonnes\": 1}, {\"vintage\": 2021, \"tonnes\": 1}]")
                .replace("\"submittedOn\"", "\"supersedes\": \"" + first + "\", \"submittedOn\"")), 422, "JCM-PRJ-029");
        String corrected = post(reports,
                report("2020-06-01", "2021-03-31", "[{\"vintage\": 2020, \"tonnes\": 650}, {\"vintage\": 2021, \"tonnes\": 300}]")
                        .replace("\"submittedOn\"", "\"supersedes\": \"" + first + "\", \"submittedOn\""))
                .statusCode(201)
                .body("supersedes", equalTo(first), "totalClaimed", equalTo(950)).extract().path("id");
        problem(post(reports, report("2020-06-01", "2021-03-31", "[{\"vintage\": 2020, \"tonnes\": 1}, {\"vintage\": 2021, \"tonnes\": 1}]")
                .replace("\"submittedOn\"", "\"supersedes\": \"" + first + "\", \"submittedOn\"")), 409, "JCM-PRJ-027");

        problem(post(reports + "/" + first + "/verifications", verification("POSITIVE", 600, 300, null)), 409, "JCM-PRJ-027");
        String verifications = reports + "/" + corrected + "/verifications";
        problem(post(verifications, verification("POSITIVE", 700, 200, null)), 422, "JCM-PRJ-025");
        problem(post(verifications, verification("POSITIVE", 600, 400, null)), 422, "JCM-PRJ-025");
        problem(post(verifications, verification("POSITIVE", 600, 300, null).replace("\"report\"", "\"totalVerified\": 800, \"report\"")), 422,
                "JCM-PRJ-024");
        problem(post(verifications, verification("NEGATIVE", 600, 300, null)), 422, "JCM-PRJ-028");
        problem(post(verifications, verification("POSITIVE", 600, 300, null).replace("2021-06-01", "2021-03-01")), 422, "JCM-PRJ-014");
        String verified = post(verifications, verification("POSITIVE", 600, 300, null)).statusCode(201).body("totalVerified", equalTo(900))
                .extract().path("id");
        problem(post(verifications, verification("POSITIVE", 600, 300, null)), 409, "JCM-PRJ-026");
        problem(post(reports, report("2020-06-01", "2021-03-31", "[{\"vintage\": 2020, \"tonnes\": 1}, {\"vintage\": 2021, \"tonnes\": 1}]")
                .replace("\"submittedOn\"", "\"supersedes\": \"" + corrected + "\", \"submittedOn\"")), 409, "JCM-PRJ-026");
        String correction = post(verifications, verification("POSITIVE", 550, 300, verified)).statusCode(201)
                .body("supersedes", equalTo(verified), "totalVerified", equalTo(850)).extract().path("id");
        problem(post(verifications, verification("NEGATIVE", 0, 0, verified)), 409, "JCM-PRJ-027");
        post(verifications, verification("NEGATIVE", 0, 0, correction)).statusCode(201).body("opinion", equalTo("NEGATIVE"), "totalVerified",
                equalTo(0));
        problem(post(reports + "/" + java.util.UUID.randomUUID() + "/verifications", verification("POSITIVE", 1, 1, null)), 404, "JCM-PRJ-020");

        given().when().get(reports).then().statusCode(200).body("", hasSize(2), "[0].supersededBy", equalTo(corrected));
        given().when().get(reports + "/" + corrected).then().statusCode(200)
                .body("verifications", hasSize(3), "verifications[0].supersededBy", equalTo(correction));
        problem(given().when().get(reports + "/" + java.util.UUID.randomUUID()).then(), 404, "JCM-PRJ-020");
        given().when().get("/api/projects/" + reference).then().statusCode(200).body("monitoringReports", hasSize(2));

        post("/api/projects/" + id + "/deregistration", "{\"decisionReference\": \"JC-ID-D\", \"decidedOn\": \"2022-01-10\", \"reason\": \"closed\"}")
                .statusCode(200)
                .body("state", equalTo("DEREGISTERED"), "reference", equalTo(reference), "deregistration.reference", equalTo("JC-ID-D"));
        problem(post("/api/projects/" + id + "/withdrawal", "{}"), 409, "JCM-PRJ-002");
        problem(post(reports, report("2021-06-01", "2021-12-31", "[{\"vintage\": 2021, \"tonnes\": 10}]")), 409, "JCM-PRJ-021");
    }

    private static String report(String start, String end, String vintages) {
        return """
                {"period": {"start": "%s", "end": "%s"}, "claimedReductions": %s, "submittedOn": "2021-05-01",
                 "document": {"uri": "https://jcm.example.org/id/mr.pdf", "sha256": "%s"}}""".formatted(start, end, vintages, SHA);
    }

    private static String verification(String opinion, long y2020, long y2021, String supersedes) {
        return """
                {"tpeId": "TPE-ID-1", "verifiedOn": "2021-06-01", "opinion": "%s", %s
                 "verifiedReductions": [{"vintage": 2020, "tonnes": %d}, {"vintage": 2021, "tonnes": %d}],
                 "report": {"uri": "https://jcm.example.org/id/ver.pdf", "sha256": "%s"}}"""
                .formatted(opinion, supersedes == null ? "" : "\"supersedes\": \"" + supersedes + "\",", y2020, y2021, SHA);
    }
}
