package org.jcm.registry.creditissuance.article6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.Overlap;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first transfer of authorized units is recorded exactly once, at the act its authorization names, never before
 * authorization: refused for unauthorized units, impossible twice (also for requests that really overlap, and in the
 * database itself), and a split keeps the flag in both of its parts. Panama's registry (PA) is kept here.
 */
@QuarkusTest
class FirstTransferTest {

    @Inject
    CloudEventCodec codec;

    String account;
    String project;
    String japan;
    long first;
    int year = LocalDate.now(ZoneOffset.UTC).getYear();

    @BeforeEach
    void panamaHoldsAHundredCredits() {
        Ledgers.activate(codec, "PA", "PAN", "Panama", 5, CountrySnapshot.Hosting.HOSTED, CountrySnapshot.FirstTransfer.USE_OR_CANCELLATION);
        account = Ledgers.openAccount("PA", "Panamanian holder " + UUID.randomUUID(), null).getString("number");
        project = "PA" + (100 + (int) (Math.random() * 800));
        Ledgers.issue(codec, "PA", project, account, 2025, 100);
        first = Ledgers.firstSerial(account, project);
        japan = Ledgers.registryAccount("JP", "GOVERNMENT_HOLDING");
    }

    @Test
    void eightOverlappingTransfersOfTheSameAuthorizedUnitsFirstTransferThemOnce() throws Exception {
        authorize("NDC", null, first, first + 99).then().statusCode(201).body("firstTransfer",
                org.hamcrest.Matchers.equalTo("INTERNATIONAL_TRANSFER"));
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> transfer(first, first + 99));
        }

        List<Response> answers = Overlap.holding("credit_issuance", "first_transfer", 8, requests);

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(1);
        assertThat(answers.stream().filter(r -> r.statusCode() != 201).map(r -> r.statusCode() + " " + r.jsonPath().getString("code"))).hasSize(7)
                .containsOnly("422 JCM-LED-302");
        JsonPath actions = ThailandItmoTest.aef("actions", "PA", year, null);
        assertThat(actions.getList("findAll { it.action == 'FIRST_TRANSFER' && it.firstItmo == '" + itmo(first) + "' }.quantity", Long.class))
                .containsExactly(100L);

        // The database refuses a second first transfer of these serials, and one of serials never authorized.
        try (Connection db = TestInfra.serviceConnection("credit_issuance")) {
            assertThatThrownBy(() -> db.createStatement().executeUpdate("""
                    INSERT INTO first_transfer (registry_code, serials, authorization_id, act, transaction_id, at)
                    SELECT registry_code, int8range(lower(serials) + 10, lower(serials) + 20), authorization_id, 'USE', transaction_id, now()
                    FROM first_transfer WHERE registry_code = 'PA' AND serials @> %d::bigint""".formatted(first)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("first_transfer_once_ex");
            assertThatThrownBy(() -> db.createStatement().executeUpdate("""
                    INSERT INTO first_transfer (registry_code, serials, authorization_id, act, transaction_id, at)
                    SELECT 'PA', int8range(900000000, 900000010), authorization_id, 'USE', transaction_id, now()
                    FROM first_transfer WHERE registry_code = 'PA' AND serials @> %d::bigint""".formatted(first)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("were not authorized before their first transfer");
        }
    }

    @Test
    void unauthorizedUnitsDoNotLeaveAndAuthorizingTwiceIsRefused() {
        transfer(first, first + 9).then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-005"));
        authorize("NDC", null, first, first + 49).then().statusCode(201);
        authorize("NDC", null, first + 40, first + 59).then().statusCode(409).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-003"));
        Api.given().contentType("application/json").body(Map.of("reference", "PA-A6-" + project + "-" + first, "authorizedOn", "2025-06-01", "uses",
                List.of("NDC"), "ranges", List.of(Map.of("start", first + 60, "end", first + 69)))).when().post("/api/registries/PA/authorizations")
                .then().statusCode(409).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-004"));
        Api.given().contentType("application/json").body(Map.of("reference", "PA-A6-" + UUID.randomUUID(), "authorizedOn", "2025-06-01", "uses",
                List.of("NDC"), "ranges", List.of(Map.of("start", first + 60, "end", first + 69)), "projectReference", project, "vintages",
                List.of(2025), "quantity", 10)).when().post("/api/registries/PA/authorizations").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-A6-009"));
        // Half authorized, half not: the transfer is refused whole, naming what is not authorized.
        transfer(first + 40, first + 59).then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-005"));
    }

    @Test
    void aFirstTransferAtAuthorizationKeepsItsFlagInBothPartsOfASplit() {
        JsonPath authorized = authorize("OIMP", "AUTHORIZATION", first, first + 99).then().statusCode(201).extract().jsonPath();
        assertThat(authorized.getList("firstTransferred.firstItmo")).containsExactly(itmo(first));
        transfer(first, first + 39).then().statusCode(201);

        JsonPath actions = ThailandItmoTest.aef("actions", "PA", year, null);
        assertThat(actions.getList("findAll { it.firstItmo == '" + itmo(first) + "' }.action")).containsExactlyInAnyOrder("FIRST_TRANSFER",
                "TRANSFER");
        assertThat(actions.getString("find { it.action == 'FIRST_TRANSFER' && it.firstItmo == '" + itmo(first) + "' }.detail"))
                .isEqualTo("AUTHORIZATION");
        assertThat(actions.getLong("find { it.action == 'FIRST_TRANSFER' && it.firstItmo == '" + itmo(first) + "' }.quantity")).isEqualTo(100);
        JsonPath panama = ThailandItmoTest.aef("holdings", "PA", year, null);
        assertThat(panama.getString("find { it.firstItmo == '" + itmo(first + 40) + "' }.state")).isEqualTo("FIRST_TRANSFERRED");
        assertThat(panama.getLong("find { it.firstItmo == '" + itmo(first + 40) + "' }.quantity")).isEqualTo(60);
        JsonPath japanHoldings = ThailandItmoTest.aef("holdings", "JP", year, null);
        assertThat(japanHoldings.getString("find { it.firstItmo == '" + itmo(first) + "' }.state")).isEqualTo("ACQUIRED");
        assertThat(japanHoldings.getBoolean("find { it.firstItmo == '" + itmo(first) + "' }.firstTransferred")).isTrue();
    }

    @Test
    void useOrCancellationFirstTransfersTheUnitsWhenTheyAreUsedOrCancelled() {
        // The country's setting for OIMP is the default: USE_OR_CANCELLATION.
        authorize("OIMP", null, first, first + 29).then().statusCode(201).body("firstTransfer",
                org.hamcrest.Matchers.equalTo("USE_OR_CANCELLATION"));
        Api.given().contentType("application/json").body(Map.of("fromAccount", account, "ranges", List.of(Map.of("start", first, "end", first + 9)),
                "purpose", "OIMP", "beneficiary", "An airline, for CORSIA", "yearOfUse", 2025)).when().post("/api/retirements").then()
                .statusCode(201);
        Api.given().contentType("application/json").body(Map.of("fromAccount", account, "ranges", List.of(Map.of("start", first + 10, "end",
                first + 14)), "reason", "Overall mitigation")).when().post("/api/cancellations").then().statusCode(201);

        JsonPath actions = ThailandItmoTest.aef("actions", "PA", year, null);
        assertThat(actions.getList("findAll { it.action == 'FIRST_TRANSFER' && it.firstItmo == '" + itmo(first) + "' }.detail"))
                .containsExactly("USE");
        assertThat(actions.getList("findAll { it.action == 'FIRST_TRANSFER' && it.firstItmo == '" + itmo(first + 10) + "' }.detail"))
                .containsExactly("CANCELLATION");
        assertThat(actions.getString("find { it.action == 'USE' && it.firstItmo == '" + itmo(first) + "' }.detail")).isEqualTo("OIMP");
        JsonPath holdings = ThailandItmoTest.aef("holdings", "PA", year, null);
        assertThat(holdings.getString("find { it.firstItmo == '" + itmo(first) + "' }.state")).isEqualTo("USED");
        assertThat(holdings.getBoolean("find { it.firstItmo == '" + itmo(first) + "' }.firstTransferred")).isTrue();
        assertThat(holdings.getString("find { it.firstItmo == '" + itmo(first + 10) + "' }.state")).isEqualTo("CANCELLED");
        assertThat(holdings.getString("find { it.firstItmo == '" + itmo(first + 15) + "' }.state")).isEqualTo("AUTHORIZED");
        assertThat(holdings.getBoolean("find { it.firstItmo == '" + itmo(first + 15) + "' }.firstTransferred")).isFalse();
    }

    @Test
    void everyArticle6AndTransferRefusalCarriesItsCode() {
        Api.given().contentType("application/json").body(Map.of("reference", "PA-A6-" + UUID.randomUUID(), "authorizedOn", "2025-06-01", "uses",
                List.of("NDC"), "projectReference", project, "vintages", List.of(2025), "quantity", 101)).when()
                .post("/api/registries/PA/authorizations").then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-002"));
        adjust(first, first + 9).then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-007"));
        authorize("OIMP", "AUTHORIZATION", first, first + 19).then().statusCode(201);
        adjust(first, first + 9).then().statusCode(201).body("ranges[0].firstItmo", org.hamcrest.Matchers.equalTo(itmo(first)));
        adjust(first + 5, first + 14).then().statusCode(409).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-008"));
        adjust(first + 15, first + 25).then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-A6-007"));

        Ledgers.activate(codec, "SR", "SUR", "Suriname", 5, CountrySnapshot.Hosting.EXTERNAL, CountrySnapshot.FirstTransfer.AUTHORIZATION);
        Api.given().contentType("application/json").body(Map.of("reference", "SR-A6-1", "authorizedOn", "2025-06-01", "uses", List.of("NDC"),
                "ranges", List.of(Map.of("start", 1, "end", 10)))).when().post("/api/registries/SR/authorizations").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-A6-010"));
        Ledgers.activate(codec, "EC", "ECU", "Ecuador", 5, CountrySnapshot.Hosting.HOSTED,
                new CountrySnapshot.Article6Settings(true, false, null));
        Api.given().contentType("application/json").body(Map.of("reference", "EC-A6-1", "authorizedOn", "2025-06-01", "uses", List.of("OIMP"),
                "ranges", List.of(Map.of("start", 1, "end", 10)))).when().post("/api/registries/EC/authorizations").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-A6-001"));

        Api.given().contentType("application/json").body(Map.of("fromAccount", account, "toRegistry", "PA", "toAccount", account, "quantity", 1))
                .when().post("/api/external-transfers").then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-EXT-002"));
        Api.given().contentType("application/json").body(Map.of("fromAccount", account, "toRegistry", "ZZ", "toAccount", "ZZ-100-1", "quantity", 1))
                .when().post("/api/external-transfers").then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-EXT-003"));
        String done = transfer(first, first + 9).then().statusCode(201).extract().path("id");
        Api.given().contentType("application/json").body(Map.of("reason", "too late")).when()
                .post("/api/external-transfers/" + done + "/cancellation").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-EXT-004"));
        Api.given().when().get("/api/external-transfers/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-EXT-001"));
    }

    private Response adjust(long start, long end) {
        return Api.given().contentType("application/json").body(Map.of("reference", "PA-CA-" + UUID.randomUUID(), "year", 2025, "ranges",
                List.of(Map.of("start", start, "end", end)))).when().post("/api/registries/PA/corresponding-adjustments");
    }

    private String itmo(long serial) {
        return "CA0001-PAN01-PAN-" + serial + "-2025";
    }

    private Response authorize(String use, String firstTransfer, long start, long end) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("reference", "PA-A6-" + project + "-" + start, "authorizedOn", "2025-06-01", "uses",
                List.of(use), "ranges", List.of(Map.of("start", start, "end", end))));
        if (firstTransfer != null) {
            body.put("firstTransfer", firstTransfer);
        }
        return Api.given().contentType("application/json").body(body).when().post("/api/registries/PA/authorizations");
    }

    private Response transfer(long start, long end) {
        return Api.given().contentType("application/json").body(Map.of("fromAccount", account, "toRegistry", "JP", "toAccount", japan, "ranges",
                List.of(Map.of("start", start, "end", end)))).when().post("/api/external-transfers");
    }
}
