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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.Flows;
import org.jcm.registry.testsupport.Flows.Partner;
import org.jcm.registry.testsupport.KafkaClient;
import org.jcm.registry.testsupport.PartnerEvents;
import org.jcm.registry.testsupport.RunningRegistry;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.jcm.registry.testsupport.TestInfra;
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
    private static final String PARTICIPANT = "PP-MN-0001";

    private static RunningRegistry registry;
    private static Flows flows;

    @BeforeAll
    static void startTheRegistry() {
        registry = RunningRegistry.start("e2e-tests", "e2e-credit-flow");
        flows = new Flows(registry);
    }

    @AfterAll
    static void stopTheRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void creditsOfAVerifiedMongolianProjectAreIssuedTransferredAndRetiredAndTheAuditorSeesEveryStep() {
        flows.onboard(MONGOLIA);
        String reportId = flows.registerASolarProjectAndVerify(MONGOLIA, "2017-03-01", "2019-07-31", Map.of(2017, 8000, 2018, 9800, 2019, 5600),
                Map.of(2017, 7900, 2018, 9750, 2019, 5550));
        String participantAccount = issueTheVerifiedPeriod();
        transferAndRetireAsTheParticipant(participantAccount);
        auditEveryCredit(participantAccount, reportId);
    }

    private static final Partner MONGOLIA = new Partner("MN", "Mongolia", "2013-01-08", "2013-04-11", "2013-07-01", "MNG01", "TPE-MN-JQA",
            "2014-01-01", PARTICIPANT, 2015);
    private static final Partner THAILAND = new Partner("TH", "Thailand", "2015-11-19", "2016-01-20", "2016-03-01", "THA01", "TPE-TH-JQA",
            "2016-04-01", "PP-TH-0001", 2017);

    /**
     * The first Article 6 case (Japan and Thailand, 2025), through the three services and a simulated Thai partner system
     * publishing on its inbound topic with its own Kafka credentials: the Joint Committee's decision issues 300 credits
     * in Thailand's registry, Thailand authorizes them for NDC use, its system transfers 150 to Japan's registry, Japan's
     * accepts them; both registries' AEF tables show the same ITMO identifiers and conservation holds in each.
     */
    @Test
    void thailandIssuesThreeHundredAuthorizesThemAndJapanAcquiresHalfAsItmos() {
        flows.onboard(THAILAND);
        given().baseUri(url(Service.COUNTRY_ONBOARDING)).contentType(ContentType.JSON)
                .body("{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true, \"oimpFirstTransfer\": \"AUTHORIZATION\"}").when()
                .put("/api/countries/TH/article6").then().statusCode(200);
        flows.registerASolarProjectAndVerify(THAILAND, "2024-01-01", "2024-12-31", Map.of(2024, 310), Map.of(2024, 300));
        String ci = url(Service.CREDIT_ISSUANCE);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> as(Api.tokens().participant(THAILAND.participant()))
                .baseUri(ci).contentType(ContentType.JSON).body(Map.of("projectReference", "TH001", "monitoringPeriodStart", "2024-01-01",
                        "monitoringPeriodEnd", "2024-12-31"))
                .when().post("/api/issuances").then().statusCode(201));

        KafkaClient thailand = TestInfra.asPartner("TH");
        String inbound = "jcm.partner.th.inbound.v1";
        String decision = UUID.randomUUID().toString();
        thailand.publish(inbound, "TH001", partnerEvent(decision, "TH001", "IssuanceNotified", """
                {"country": "TH", "projectReference": "TH001", "monitoringPeriodStart": "2024-01-01", "monitoringPeriodEnd": "2024-12-31",
                 "decisionReference": "JC-TH-2025-01", "decidedOn": "2025-04-10",
                 "lines": [{"registry": "TH", "account": "TH-100-1", "vintage": 2024, "quantity": 300}]}"""));
        await().atMost(WITHIN).untilAsserted(() -> given().baseUri(ci).when().get("/api/registries/TH").then().body("lastSerial", equalTo(300)));
        String authorization = UUID.randomUUID().toString();
        thailand.publish(inbound, "TH", partnerEvent(authorization, "TH", "CreditsAuthorized", """
                {"country": "TH", "reference": "TH-A6-2025-001", "authorizedOn": "2025-05-14", "uses": ["NDC"], "firstTransfer": null,
                 "ranges": null, "projectReference": "TH001", "vintages": [2024], "quantity": 300}"""));
        await().atMost(WITHIN)
                .untilAsserted(() -> as(Api.tokens().auditor()).baseUri(ci).when().get("/api/registries/TH/authorizations").then().statusCode(200)
                        .body("reference", contains("TH-A6-2025-001"), "firstTransfer", contains("INTERNATIONAL_TRANSFER")));

        JsonPath transfer = as(Api.tokens().partner("TH")).baseUri(ci).contentType(ContentType.JSON).body(Map.of("fromAccount", "TH-100-1",
                "toRegistry", "JP", "toAccount", "JP-100-1", "quantity", 150, "decision", "Thailand's approval of the international transfer"))
                .when().post("/api/external-transfers").then().statusCode(201).extract().jsonPath();
        assertThat(transfer.getString("state")).isEqualTo("COMPLETED");
        assertThat(transfer.getList("steps.state")).containsExactly("PROPOSED", "COMPLETED");
        assertThat(transfer.getList("steps[1].openedBlocks.display")).containsExactly("JCM-TH-TH001-2024-1-150");
        assertThat(transfer.getList("steps[1].openedBlocks.account")).containsExactly("JP-100-1");

        int year = LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        JsonPath thActions = aef(ci, "actions", "TH", year);
        assertThat(thActions.getList("action")).containsExactly("FIRST_TRANSFER", "TRANSFER");
        assertThat(thActions.getList("firstItmo")).containsOnly("CA0001-THA01-THA-1-2024");
        assertThat(thActions.getList("lastItmo")).containsOnly("CA0001-THA01-THA-150-2024");
        assertThat(thActions.getList("acquiringParty")).containsOnly("JPN");
        JsonPath jpActions = aef(ci, "actions", "JP", year);
        assertThat(jpActions.getList("findAll { it.project == 'TH001' }.action")).containsExactly("ACQUISITION");
        assertThat(jpActions.getString("find { it.project == 'TH001' }.firstItmo")).isEqualTo("CA0001-THA01-THA-1-2024");
        assertThat(jpActions.getString("find { it.project == 'TH001' }.lastItmo")).isEqualTo("CA0001-THA01-THA-150-2024");
        JsonPath jpHoldings = aef(ci, "holdings", "JP", year);
        assertThat(jpHoldings.getList("findAll { it.project == 'TH001' }.state")).containsExactly("ACQUIRED");
        assertThat(jpHoldings.getList("findAll { it.project == 'TH001' }.quantity", Long.class)).containsExactly(150L);
        JsonPath thHoldings = aef(ci, "holdings", "TH", year);
        assertThat(thHoldings.getList("firstItmo")).containsExactly("CA0001-THA01-THA-151-2024");
        assertThat(thHoldings.getList("state")).containsExactly("AUTHORIZED");
        assertThat(thHoldings.getList("quantity", Long.class)).containsExactly(150L);
        JsonPath thAuthorizations = aef(ci, "authorizations", "TH", 2025);
        assertThat(thAuthorizations.getList("firstItmo")).containsExactly("CA0001-THA01-THA-1-2024");
        assertThat(thAuthorizations.getList("lastItmo")).containsExactly("CA0001-THA01-THA-300-2024");

        for (String r : List.of("TH", "JP")) {
            JsonPath conservation = as(Api.tokens().auditor()).baseUri(ci).queryParam("registry", r).when().get("/api/ledger/conservation").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(conservation.getBoolean("holds")).as(r).isTrue();
        }
        JsonPath th = as(Api.tokens().auditor()).baseUri(ci).queryParam("registry", "TH").when().get("/api/ledger/conservation").then().extract()
                .jsonPath();
        assertThat(th.getList("registries", Map.class)).singleElement().satisfies(b -> assertThat(List.of(b.get("issued"), b.get("received"),
                b.get("held"), b.get("transferredOut"))).containsExactly(300, 0, 150, 150));
        JsonPath jp = as(Api.tokens().auditor()).baseUri(ci).queryParam("registry", "JP").when().get("/api/ledger/conservation").then().extract()
                .jsonPath();
        assertThat(jp.getMap("projects.find { it.project == 'TH001' }")).containsEntry("received", 150).containsEntry("held", 150)
                .containsEntry("issued", 0);

        // The Thai system reads the answers to its events on its outbound topic.
        await().atMost(WITHIN).untilAsserted(() -> assertThat(thailand.readAll("jcm.partner.th.outbound.v1", Duration.ofMillis(500)).stream()
                .map(r -> JsonPath.from(r.value())).filter(a -> "PartnerEventAnswered".equals(a.getString("type")))
                .map(a -> a.getString("data.answeredEventId") + " " + a.getString("data.outcome")))
                .contains(decision + " APPLIED", authorization + " APPLIED"));
    }

    private static JsonPath aef(String ci, String table, String registry, int year) {
        return anonymous().baseUri(ci).queryParam("registry", registry).queryParam("year", year).when().get("/api/reports/article6/" + table).then()
                .statusCode(200).extract().jsonPath();
    }

    private static String partnerEvent(String id, String subject, String type, String data) {
        return PartnerEvents.cloudEvent(id, PartnerEvents.source("TH"), type, subject, data);
    }

    /**
     * credit-issuance: the participant requests the period's credits once the verification has arrived, an operator
     * opens the participant's account and records the decision: per vintage half to Japan, half to the participant.
     * Both registries' serials start at 1.
     */
    private static String issueTheVerifiedPeriod() {
        String ci = url(Service.CREDIT_ISSUANCE);
        String[] issuance = {flows.requestIssuance(MONGOLIA, "2017-03-01", "2019-07-31")};
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

    private static String url(Service s) {
        return registry.url(s);
    }
}
