package org.jcm.registry.creditissuance.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.creditissuance.Ledgers.decide;
import static org.jcm.registry.creditissuance.Ledgers.line;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.partner.CreditPartnerEvent;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** Every numbered check of an issuance, through the API and through the partner country's notification. */
@QuarkusTest
class IssuanceChecksTest {

    private static final LocalDate START = LocalDate.of(2021, 1, 1);
    private static final LocalDate END = LocalDate.of(2021, 12, 31);

    @Inject
    CloudEventCodec codec;

    @Test
    void aRequestNeedsARegisteredVerifiedProjectOfAnActiveCountryAndOneOfItsParticipants() {
        Ledgers.activate(codec, "ID", "IDN", "Indonesia");
        ProjectSnapshot project = Ledgers.registerProject(codec, "ID", "ID001", "PP-ID-0001");
        assertThat(request("ZZ999", START, END, Api.given()).getString("code")).isEqualTo("JCM-ISS-002");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(request("ID001", START, END, Api.given()).getString("code"))
                .isEqualTo("JCM-ISS-003"));
        Ledgers.verify(codec, project, START, END, Map.of(2021, 500L));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(request("ID001", START, END, Api.as(Api.tokens().participant(
                "PP-ID-0002"))).getString("code")).isEqualTo("JCM-SEC-003"));
        assertThat(request("ID001", START, END, Api.as(Api.tokens().participant("PP-ID-0001"))).getString("state")).isEqualTo("REQUESTED");
        assertThat(request("ID001", START, END, Api.given()).getString("code")).isEqualTo("JCM-ISS-004");
    }

    @Test
    void theLinesAreCheckedAgainstTheVerificationAndTheAccountsAndEveryFailureIsListed() {
        Ledgers.activate(codec, "CL", "CHL", "Chile");
        ProjectSnapshot project = Ledgers.registerProject(codec, "CL", "CL001");
        Ledgers.verify(codec, project, START, END, Map.of(2021, 300L));
        String issuance = Ledgers.requestIssuance("CL001", START, END);
        JsonPath entity = Ledgers.openAccount("CL", "Chilean holder", null);

        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("CL", "CL-100-1", 2020, 10))))).containsExactly("JCM-ISS-008");
        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("ZZ", "CL-100-1", 2021, 10))))).containsExactly("JCM-ISS-009", "JCM-ISS-010");
        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("CL", "CL-900-1", 2021, 10))))).containsExactly("JCM-ISS-010");
        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("CL", "JP-100-1", 2021, 10))))).containsExactly("JCM-ISS-010");
        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("CL", entity.getString("number"), 2021, 10), line("CL", entity.getString("number"),
                2021, 10))))).containsExactly("JCM-ISS-012");
        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("CL", "CL-100-1", 2021, 301), line("CL", "CL-800-1", 2022, 1)))))
                .containsExactlyInAnyOrder("JCM-ISS-007", "JCM-ISS-008", "JCM-ISS-010");
        decide(issuance, "JC-CL-1", List.of(line("CL", "CL-100-1", 2021, 0))).then().statusCode(400);
        for (String decidedOn : List.of("2021-06-01", "2199-01-01")) {
            Api.given().contentType("application/json")
                    .body(Map.of("decisionReference", "JC-CL-0", "decidedOn", decidedOn, "lines", List.of(line("CL",
                            "CL-100-1", 2021, 10))))
                    .when().post("/api/issuances/" + issuance + "/decision").then().statusCode(422).body("code", equalTo(
                            "JCM-ISS-013"));
        }
        assertThat(Api.given().when().get("/api/issuances/" + issuance).then().statusCode(200).extract().path("state").toString())
                .isEqualTo("REQUESTED");

        Ledgers.suspend(codec, "CL", "CHL", "Chile");
        assertThat(codes(decide(issuance, "JC-CL-1", List.of(line("CL", "CL-100-1", 2021, 300))))).containsExactlyInAnyOrder("JCM-ISS-005",
                "JCM-ISS-009");
    }

    @Test
    void thePartnerCountrysNotificationIssuesOncePerEventAndOncePerPeriod() {
        Ledgers.activate(codec, "VN", "VNM", "Viet Nam");
        ProjectSnapshot project = Ledgers.registerProject(codec, "VN", "VN004");
        Ledgers.verify(codec, project, START, END, Map.of(2021, 120L));
        String issuance = Ledgers.requestIssuance("VN004", START, END);
        String event = notification("VN", "VN004", List.of(new CreditPartnerEvent.Line("VN", "VN-100-1", 2021, 60), new CreditPartnerEvent.Line("JP",
                "JP-100-1", 2021, 60)));

        TestInfra.publish(Topics.partnerInbound("VN"), "VN004", event);
        TestInfra.publish(Topics.partnerInbound("VN"), "VN004", event);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.given().when().get("/api/issuances/" + issuance).then()
                .body("state", equalTo("ISSUED"), "issued", equalTo(120), "decision.recordedBy", equalTo("partner:VN")));

        String again = notification("VN", "VN004", List.of(new CreditPartnerEvent.Line("VN", "VN-100-1", 2021, 1)));
        String unrequested = notification("VN", "VN999", List.of(new CreditPartnerEvent.Line("VN", "VN-100-1", 2021, 1)));
        TestInfra.publish(Topics.partnerInbound("VN"), "VN004", again);
        TestInfra.publish(Topics.partnerInbound("VN"), "VN999", unrequested);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath letters = Api.given().queryParam("limit", 1000).when().get("/api/dead-letters").then().statusCode(200).extract().jsonPath();
            assertThat(letters.getList("findAll { it.eventId == '" + idOf(again) + "' }.reasonCode")).containsExactly("JCM-ISS-006");
            assertThat(letters.getList("findAll { it.eventId == '" + idOf(unrequested) + "' }.reasonCode")).containsExactly("JCM-ISS-011");
        });
        assertThat(Api.given().when().get("/api/issuances/" + issuance).then().extract().jsonPath().getLong("issued")).isEqualTo(120);
    }

    private String notification(String cc, String project, List<CreditPartnerEvent.Line> lines) {
        return codec.encode(UUID.randomUUID(), "urn:jcm:partner:" + cc.toLowerCase() + "-registry", "IssuanceNotified", project, Instant.now(),
                new CreditPartnerEvent.IssuanceNotified(cc, project, START, END, "JC-" + cc + "-ISS-" + UUID.randomUUID().toString().substring(0, 8),
                        LocalDate.of(2022, 5, 1), lines));
    }

    private static String idOf(String event) {
        return io.restassured.path.json.JsonPath.from(event).getString("id");
    }

    private static JsonPath request(String reference, LocalDate start, LocalDate end, io.restassured.specification.RequestSpecification as) {
        return as.contentType("application/json").body(Map.of("projectReference", reference, "monitoringPeriodStart", start.toString(),
                "monitoringPeriodEnd", end.toString())).when().post("/api/issuances").then().extract().jsonPath();
    }

    private static List<String> codes(io.restassured.response.Response answer) {
        JsonPath problem = answer.then().extract().jsonPath();
        List<String> several = problem.getList("violations.code");
        return several == null || several.isEmpty() ? List.of(String.valueOf(problem.getString("code"))) : several;
    }
}
