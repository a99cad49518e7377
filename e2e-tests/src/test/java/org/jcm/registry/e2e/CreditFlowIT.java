package org.jcm.registry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.anonymous;
import static org.jcm.registry.testsupport.Api.as;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole credit flow through the three packaged services, over their REST APIs only: Mongolia is onboarded with a
 * designated TPE, a solar project is registered and its monitoring period verified per vintage, the Joint Committee's
 * decision issues the credits, the participant transfers some to its government and retires some, and an auditor
 * follows every credit. Started as {@link RegistryFlowIT} starts the registry, in a work directory of its own.
 */
class CreditFlowIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String PARTICIPANT = "PP-MN-0001";

    private static RunningRegistry registry;

    @BeforeAll
    static void startTheRegistry() {
        registry = RunningRegistry.start("e2e-credit-flow");
    }

    @AfterAll
    static void stopTheRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void creditsOfAVerifiedMongolianProjectAreIssuedTransferredAndRetiredAndTheAuditorSeesEveryStep() {
        onboardMongoliaWithATpe();
        String reportId = registerTheSolarProjectAndVerifyItsFirstPeriod();
        String participantAccount = issueTheVerifiedPeriod();
        transferAndRetireAsTheParticipant(participantAccount);
        auditEveryCredit(participantAccount, reportId);
    }

    /** country-onboarding: Mongolia from proposal to ACTIVE with its registry identity, and one TPE for sectoral scope 1. */
    private static void onboardMongoliaWithATpe() {
        String co = url(Service.COUNTRY_ONBOARDING);
        post(co, "/api/countries", "{\"code\": \"MN\", \"name\": \"Mongolia\"}").statusCode(201);
        post(co, "/api/countries/MN/bilateral-document", "{\"signedOn\": \"2013-01-08\"}").statusCode(200);
        post(co, "/api/countries/MN/joint-committee", "{\"establishedOn\": \"2013-04-11\"}").statusCode(200);
        post(co, "/api/countries/MN/activation",
                "{\"activatedOn\": \"2013-07-01\", \"registryCode\": \"MN\", \"article6RegistryId\": \"MNG01\", \"hosting\": \"HOSTED\"}")
                .statusCode(200)
                .body("state", equalTo("ACTIVE"));
        post(co, "/api/countries/MN/tpes",
                "{\"tpeId\": \"TPE-MN-JQA\", \"name\": \"Japan Quality Assurance Organization\", \"sectoralScopes\": [1], \"designatedOn\": \"2014-01-01\"}")
                .statusCode(201);

        await().atMost(WITHIN).untilAsserted(() -> given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/MN").then()
                .statusCode(200).body("state", equalTo("ACTIVE"), "version", equalTo(5), "thirdPartyEntities.tpeId", contains("TPE-MN-JQA")));
        await().atMost(WITHIN).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/MN").then()
                .statusCode(200).body("state", equalTo("ACTIVE"), "article6RegistryId", equalTo("MNG01"), "lastSerial", equalTo(0)));
    }

    /**
     * project-registry, as MongolianSolarProjectTest: MN_AM001 approved, the idea note (naming participant PP-MN-0001)
     * registered as MN001, then 2017-03..2019-07 monitored (by the participant) and verified by the TPE per vintage.
     */
    private static String registerTheSolarProjectAndVerifyItsFirstPeriod() {
        String pr = url(Service.PROJECT_REGISTRY);
        String methodology = post(pr, "/api/methodologies",
                "{\"country\": \"MN\", \"title\": \"Installation of solar PV system\", \"sectoralScope\": 1, \"proposedOn\": \"2014-01-10\"}")
                .statusCode(201).extract().path("id");
        post(pr, "/api/methodologies/" + methodology + "/approval", "{\"decisionReference\": \"JC-MN-AM\", \"decidedOn\": \"2014-02-20\"}")
                .statusCode(200).body("state", equalTo("APPROVED"), "reference", equalTo("MN_AM001"));

        String project = post(pr, "/api/projects", """
                {"title": "10MW solar power project in Darkhan City", "hostCountry": "MN", "methodology": "MN_AM001",
                 "participants": [
                   {"name": "Japanese Solar Developer Co.", "country": "JP", "role": "PROJECT_PARTICIPANT", "focalPoint": true},
                   {"name": "Local Energy LLC", "country": "MN", "role": "PROJECT_PARTICIPANT", "focalPoint": false, "participantId": "%s"}],
                 "creditingPeriod": {"start": "2016-01-01", "end": "2030-12-31"},
                 "estimatedAnnualReductions": 12000,
                 "creditAllocation": {"governmentOfJapan": 50, "partnerGovernment": 10, "participants": 40},
                 "documents": [{"kind": "PIN", "uri": "https://jcm.example.org/docs/pin.pdf", "sha256": "%s"}],
                 "submittedOn": "2015-03-01"}""".formatted(PARTICIPANT, SHA))
                .statusCode(201).body("pinReference", equalTo("MN_PIN001"), "state", equalTo("IDEA_SUBMITTED")).extract().path("id");
        post(pr, "/api/projects/" + project + "/no-objection", "{\"decisionReference\": \"JC-NO-1\", \"decidedOn\": \"2015-04-01\"}")
                .statusCode(200).body("state", equalTo("NO_OBJECTION"));
        post(pr, "/api/projects/" + project + "/design-publication", """
                {"publishedOn": "2015-05-01", "designDocument": {"uri": "https://jcm.example.org/docs/pdd.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(200).body("state", equalTo("DESIGN_PUBLISHED"));
        post(pr, "/api/projects/" + project + "/validation", """
                {"tpeId": "TPE-MN-JQA", "validatedOn": "2015-08-01", "report": {"uri": "https://jcm.example.org/docs/val.pdf", "sha256": "%s"}}"""
                .formatted(SHA)).statusCode(200).body("state", equalTo("VALIDATED"));
        post(pr, "/api/projects/" + project + "/registration-request", "{\"requestedOn\": \"2015-09-01\"}").statusCode(200)
                .body("state", equalTo("REGISTRATION_REQUESTED"));
        post(pr, "/api/projects/" + project + "/registration", "{\"decisionReference\": \"JC-MN-10/2016\", \"decidedOn\": \"2015-10-01\"}")
                .statusCode(200).body("state", equalTo("REGISTERED"), "reference", equalTo("MN001"));

        String reportId = as(Api.tokens().participant(PARTICIPANT)).baseUri(pr).contentType(ContentType.JSON).body("""
                {"period": {"start": "2017-03-01", "end": "2019-07-31"},
                 "claimedReductions": [{"vintage": 2017, "tonnes": 8000}, {"vintage": 2018, "tonnes": 9800}, {"vintage": 2019, "tonnes": 5600}],
                 "totalClaimed": 23400, "submittedOn": "2019-08-20",
                 "document": {"uri": "https://jcm.example.org/mn001/monitoring-1.pdf", "sha256": "%s"}}""".formatted(SHA))
                .when().post("/api/projects/MN001/monitoring-reports").then().statusCode(201).body("totalClaimed", equalTo(23400)).extract()
                .path("id");
        post(pr, "/api/projects/MN001/monitoring-reports/" + reportId + "/verifications", """
                {"tpeId": "TPE-MN-JQA", "verifiedOn": "2019-10-15", "opinion": "POSITIVE",
                 "verifiedReductions": [{"vintage": 2017, "tonnes": 7900}, {"vintage": 2018, "tonnes": 9750}, {"vintage": 2019, "tonnes": 5550}],
                 "totalVerified": 23200,
                 "report": {"uri": "https://jcm.example.org/mn001/verification-1.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(201).body("totalVerified", equalTo(23200));
        return reportId;
    }

    /**
     * credit-issuance: the participant requests the period's credits once the verification has arrived, an operator
     * opens the participant's account and records the decision: per vintage half to Japan, half to the participant.
     * Both registries' serials start at 1.
     */
    private static String issueTheVerifiedPeriod() {
        String ci = url(Service.CREDIT_ISSUANCE);
        String[] issuance = new String[1];
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response r = as(Api.tokens().participant(PARTICIPANT)).baseUri(ci).contentType(ContentType.JSON)
                    .body(Map.of("projectReference", "MN001", "monitoringPeriodStart", "2017-03-01", "monitoringPeriodEnd", "2019-07-31")).when()
                    .post("/api/issuances");
            if (r.statusCode() == 422) {
                // Not yet: the project (JCM-ISS-002) or its verification (JCM-ISS-003) is still on its way from project-registry.
                assertThat(r.jsonPath().getString("code")).isIn("JCM-ISS-002", "JCM-ISS-003");
                throw new AssertionError("not yet in credit-issuance: " + r.jsonPath().getString("code"));
            }
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
            issuance[0] = r.jsonPath().getString("id");
        });
        as(Api.tokens().auditor()).baseUri(ci).when().get("/api/issuances/" + issuance[0]).then().statusCode(200)
                .body("state", equalTo("REQUESTED"), "requestedBy", equalTo("participant-pp-mn-0001"), "verification.tpeId", equalTo("TPE-MN-JQA"),
                        "verification.totalVerified", equalTo(23200), "verification.vintages.tonnes", contains(7900, 9750, 5550));

        JsonPath account = given().baseUri(ci).contentType(ContentType.JSON).body(Map.of("holder", "Local Energy LLC", "holderIdentifier",
                "MN-REG-6543210", "contactEmail", "registry@local-energy.example", "participantId", PARTICIPANT)).when()
                .post("/api/registries/MN/accounts").then().statusCode(201).extract().jsonPath();
        String number = account.getString("number");
        assertThat(number).isEqualTo("MN-200-000001");
        assertThat(account.getString("type")).isEqualTo("ENTITY_HOLDING");
        assertThat(account.getString("participantId")).isEqualTo(PARTICIPANT);
        given().baseUri(ci).when().get("/api/registries/JP").then().statusCode(200).body("lastSerial", equalTo(0));

        JsonPath issued = given()
                .baseUri(ci).contentType(ContentType.JSON).body(Map.of("decisionReference", "JC-MN-2020-01", "decidedOn", "2020-01-15",
                        "lines", List.of(line("JP", "JP-100-1", 2017, 3950), line("MN", number, 2017, 3950), line("JP", "JP-100-1", 2018, 4875),
                                line("MN", number, 2018, 4875), line("JP", "JP-100-1", 2019, 2775), line("MN", number, 2019, 2775))))
                .when().post("/api/issuances/" + issuance[0] + "/decision").then().statusCode(200).extract().jsonPath();
        assertThat(issued.getString("state")).isEqualTo("ISSUED");
        assertThat(issued.getLong("issued")).isEqualTo(23200);
        assertThat(issued.getList("lines.block")).containsExactly("JCM-JP-MN001-2017-1-3950", "JCM-MN-MN001-2017-1-3950",
                "JCM-JP-MN001-2018-3951-8825", "JCM-MN-MN001-2018-3951-8825", "JCM-JP-MN001-2019-8826-11600", "JCM-MN-MN001-2019-8826-11600");

        given().baseUri(ci).when().get("/api/registries/MN").then().statusCode(200).body("lastSerial", equalTo(11600));
        given().baseUri(ci).when().get("/api/registries/JP").then().statusCode(200).body("lastSerial", equalTo(11600));
        return account.getString("id");
    }

    /**
     * As the participant: 1,000 to Mongolia's government holding account (the oldest vintage's lowest serials), then
     * 3,000 retired, which takes the rest of 2017 and the first 50 of 2018.
     */
    private static void transferAndRetireAsTheParticipant(String accountId) {
        String ci = url(Service.CREDIT_ISSUANCE);
        String participant = Api.tokens().participant(PARTICIPANT);
        JsonPath transfer = as(participant).baseUri(ci).contentType(ContentType.JSON)
                .body(Map.of("fromAccount", "MN-200-000001", "toAccount", "MN-100-1", "quantity", 1000)).when().post("/api/transfers").then()
                .statusCode(201).extract().jsonPath();
        assertThat(transfer.getString("type")).isEqualTo("INTERNAL_TRANSFER");
        assertThat(transfer.getLong("quantity")).isEqualTo(1000);
        assertThat(transfer.getString("actor")).isEqualTo("participant-pp-mn-0001");
        assertThat(transfer.getList("closedBlocks")).hasSize(1);
        assertThat(transfer.getList("openedBlocks", Map.class)).extracting(b -> b.get("display"), b -> b.get("account"), b -> b.get("origin"))
                .containsExactlyInAnyOrder(tuple("JCM-MN-MN001-2017-1-1000", "MN-100-1", "MOVED"),
                        tuple("JCM-MN-MN001-2017-1001-3950", "MN-200-000001", "KEPT"));

        JsonPath retirement = as(participant).baseUri(ci).contentType(ContentType.JSON).body(Map.of("fromAccount", "MN-200-000001", "quantity", 3000,
                "purpose", "VOLUNTARY", "beneficiary", "Darkhan City Climate Fund", "yearOfUse", 2020)).when().post("/api/retirements").then()
                .statusCode(201).extract().jsonPath();
        assertThat(retirement.getString("type")).isEqualTo("RETIREMENT");
        assertThat(retirement.getLong("quantity")).isEqualTo(3000);
        assertThat(retirement.getString("retirementPurpose")).isEqualTo("VOLUNTARY");
        assertThat(retirement.getString("beneficiary")).isEqualTo("Darkhan City Climate Fund");
        assertThat(retirement.getInt("yearOfUse")).isEqualTo(2020);
        assertThat(retirement.getList("openedBlocks", Map.class)).extracting(b -> b.get("display"), b -> b.get("account"))
                .containsExactlyInAnyOrder(tuple("JCM-MN-MN001-2017-1001-3950", "MN-900-1"), tuple("JCM-MN-MN001-2018-3951-4000", "MN-900-1"),
                        tuple("JCM-MN-MN001-2018-4001-8825", "MN-200-000001"));

        as(participant).baseUri(ci).when().get("/api/accounts/" + accountId).then().statusCode(200).body("number", equalTo("MN-200-000001"),
                "balance", equalTo(7600));
    }

    /** As an auditor (and, for the public report, anyone): lineage, holdings, issuance history, conservation, audit chains. */
    private static void auditEveryCredit(String participantAccount, String reportId) {
        String ci = url(Service.CREDIT_ISSUANCE);
        String auditor = Api.tokens().auditor();

        JsonPath retired = as(auditor).baseUri(ci).queryParam("registry", "MN").queryParam("serial", 1200).when().get("/api/blocks").then()
                .statusCode(200).extract().jsonPath();
        assertThat(retired.getList("steps.step")).containsExactly("ISSUED", "SPLIT", "RETIRED");
        assertThat(retired.getList("steps.transactionType")).containsExactly("ISSUANCE", "INTERNAL_TRANSFER", "RETIREMENT");
        assertThat(retired.getList("steps.block.display")).containsExactly("JCM-MN-MN001-2017-1-3950", "JCM-MN-MN001-2017-1001-3950",
                "JCM-MN-MN001-2017-1001-3950");
        assertThat(retired.getList("steps.block.account")).containsExactly("MN-200-000001", "MN-200-000001", "MN-900-1");
        assertThat(retired.getList("steps.actor")).containsExactly("operator", "participant-pp-mn-0001", "participant-pp-mn-0001");
        assertThat(retired.getString("steps[2].block.closedAt")).isNull();
        JsonPath transferred = as(auditor).baseUri(ci).queryParam("registry", "MN").queryParam("serial", 1).when().get("/api/blocks").then()
                .statusCode(200).extract().jsonPath();
        assertThat(transferred.getList("steps.step")).containsExactly("ISSUED", "TRANSFERRED");
        assertThat(transferred.getString("steps[1].block.display")).isEqualTo("JCM-MN-MN001-2017-1-1000");
        assertThat(transferred.getString("steps[1].block.account")).isEqualTo("MN-100-1");

        JsonPath holdings = as(auditor).baseUri(ci).when().get("/api/accounts/" + participantAccount + "/holdings").then().statusCode(200).extract()
                .jsonPath();
        assertThat(holdings.getLong("total")).isEqualTo(7600);
        assertThat(holdings.getList("blocks.display")).containsExactly("JCM-MN-MN001-2018-4001-8825", "JCM-MN-MN001-2019-8826-11600");
        assertThat(holdings.getList("blocks.quantity", Long.class)).containsExactly(4825L, 2775L);

        JsonPath history = as(auditor).baseUri(ci).queryParam("country", "MN").when().get("/api/issuances").then().statusCode(200).extract()
                .jsonPath();
        assertThat(history.getList("issuances")).hasSize(1);
        assertThat(history.getString("issuances[0].projectReference")).isEqualTo("MN001");
        assertThat(history.getString("issuances[0].monitoringPeriod.start")).isEqualTo("2017-03-01");
        assertThat(history.getString("issuances[0].monitoringPeriod.end")).isEqualTo("2019-07-31");
        assertThat(history.getString("issuances[0].decision.reference")).isEqualTo("JC-MN-2020-01");
        assertThat(history.getString("issuances[0].decision.decidedOn")).isEqualTo("2020-01-15");
        assertThat(history.getLong("issuances[0].issued")).isEqualTo(23200);
        assertThat(history.getList("issuances[0].lines.quantity", Long.class)).containsExactly(3950L, 3950L, 4875L, 4875L, 2775L, 2775L);

        JsonPath conservation = as(auditor).baseUri(ci).queryParam("registry", "MN").when().get("/api/ledger/conservation").then().statusCode(200)
                .extract().jsonPath();
        assertThat(conservation.getBoolean("holds")).isTrue();
        assertThat(conservation.getList("overlaps")).isEmpty();
        assertThat(conservation.getList("registries", Map.class)).singleElement().satisfies(b -> assertThat(List.of(b.get("registry"),
                b.get("issued"), b.get("held"), b.get("retired"), b.get("cancelled"), b.get("holds")))
                .containsExactly("MN", 11600, 8600, 3000, 0, true));
        assertThat(conservation.getList("projects", Map.class)).singleElement().satisfies(b -> assertThat(List.of(b.get("project"), b.get("issued"),
                b.get("held"), b.get("retired"), b.get("holds"))).containsExactly("MN001", 11600, 8600, 3000, true));

        JsonPath report = anonymous().baseUri(ci).queryParam("registry", "MN").when().get("/api/reports/holdings").then().statusCode(200).extract()
                .jsonPath();
        assertThat(report.getList("accountType")).containsExactly("GOVERNMENT_HOLDING", "ENTITY_HOLDING", "CANCELLATION", "RETIREMENT");
        assertThat(report.getList("accounts", Long.class)).containsExactly(1L, 1L, 1L, 1L);
        assertThat(report.getList("quantity", Long.class)).containsExactly(1000L, 7600L, 0L, 3000L);

        // What project-registry knows of the period is what credit-issuance issued.
        as(auditor).baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/projects/MN001/monitoring-reports/" + reportId).then().statusCode(200)
                .body("verifications[0].totalVerified", equalTo(23200));

        for (Service s : Service.values()) {
            as(auditor).baseUri(url(s)).when().get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        }
    }

    private static Map<String, Object> line(String registry, String account, int vintage, long quantity) {
        return Map.of("registry", registry, "account", account, "vintage", vintage, "quantity", quantity);
    }

    private static ValidatableResponse post(String baseUri, String path, String json) {
        return given().baseUri(baseUri).contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    private static String url(Service s) {
        return registry.url(s);
    }
}
