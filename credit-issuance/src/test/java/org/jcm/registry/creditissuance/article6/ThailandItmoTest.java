package org.jcm.registry.creditissuance.article6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.partner.CreditPartnerEvent;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * The first Article 6 case, Japan and Thailand (2025): 300 credits issued in Thailand's registry, authorized by
 * Thailand's partner system for NDC use, 150 transferred to Japan's registry and accepted there; both registries' AEF
 * tables show the same ITMO identifiers, the 150 that stay in Thailand are authorized but not first-transferred, and
 * conservation holds in each registry.
 */
@QuarkusTest
class ThailandItmoTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    CloudEventCodec codec;

    @Test
    void threeHundredIssuedInThailandAuthorizedAndHalfAcquiredByJapanAsItmos() {
        Ledgers.activate(codec, "TH", "THA", "Thailand", 9, CountrySnapshot.Hosting.HOSTED, CountrySnapshot.FirstTransfer.AUTHORIZATION);
        String thailand = Ledgers.registryAccount("TH", "GOVERNMENT_HOLDING");
        String japan = Ledgers.registryAccount("JP", "GOVERNMENT_HOLDING");
        Ledgers.issue(codec, "TH", "TH005", thailand, 2025, 300);
        long first = Ledgers.firstSerial(thailand, "TH005");

        // Not authorized yet: no credit leaves for another Party's registry.
        Api.given().contentType("application/json").body(Map.of("fromAccount", thailand, "toRegistry", "JP", "toAccount", japan, "ranges",
                List.of(Map.of("start", first, "end", first + 149)))).when().post("/api/external-transfers").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-A6-005"));

        Ledgers.fromPartner(codec, "TH", "CreditsAuthorized", "TH", new CreditPartnerEvent.CreditsAuthorized("TH", "TH-A6-2025-001",
                LocalDate.of(2025, 3, 14), List.of("NDC"), null, null, "TH005", List.of(2025), 300L));
        JsonPath authorization = await().atMost(WAIT).until(() -> Api.given().when().get("/api/registries/TH/authorizations").then().statusCode(200)
                .extract().jsonPath(), a -> a.getList("findAll { it.reference == 'TH-A6-2025-001' }").size() == 1);
        assertThat(authorization.getString("find { it.reference == 'TH-A6-2025-001' }.firstTransfer")).isEqualTo("INTERNATIONAL_TRANSFER");
        assertThat(authorization.getString("find { it.reference == 'TH-A6-2025-001' }.source")).isEqualTo("PARTNER");
        assertThat(authorization.getLong("find { it.reference == 'TH-A6-2025-001' }.quantity")).isEqualTo(300);

        JsonPath transfer = Api.given().contentType("application/json").body(Map.of("fromAccount", thailand, "toRegistry", "JP", "toAccount", japan,
                "ranges", List.of(Map.of("start", first, "end", first + 149)), "decision", "Thailand's approval of the international transfer"))
                .when().post("/api/external-transfers").then().statusCode(201).extract().jsonPath();
        assertThat(transfer.getString("state")).isEqualTo("COMPLETED");
        assertThat(transfer.getList("steps.state")).containsExactly("PROPOSED", "COMPLETED");

        // Japan's transaction log shows the transfer it received (sent by Thailand's registry).
        long completed = transfer.getLong("steps[1].seq");
        JsonPath log = Api.given().queryParam("registry", "JP").queryParam("after", completed - 1).queryParam("limit", 1).when()
                .get("/api/transactions").then().statusCode(200).extract().jsonPath();
        assertThat(log.getList("transactions.id")).containsExactly(transfer.getString("steps[1].id"));
        assertThat(log.getString("transactions[0].registry")).isEqualTo("TH");
        assertThat(log.getString("transactions[0].counterpartRegistry")).isEqualTo("JP");

        // Each block's Article 6 state, on the holdings of both accounts.
        JsonPath japanHeld = Api.given().when().get("/api/accounts/" + Ledgers.accountId(japan) + "/holdings").then().statusCode(200).extract()
                .jsonPath();
        String acquired = "blocks.find { it.registry == 'TH' && it.start == " + first + " }.article6";
        assertThat(japanHeld.getString(acquired + ".state")).isEqualTo("ACQUIRED");
        assertThat(japanHeld.getString(acquired + ".firstTransferAct")).isEqualTo("INTERNATIONAL_TRANSFER");
        assertThat(japanHeld.getString(acquired + ".lastItmo")).isEqualTo("CA0001-THA01-THA-" + (first + 149) + "-2025");
        JsonPath thailandHeld = Api.given().when().get("/api/accounts/" + Ledgers.accountId(thailand) + "/holdings").then().statusCode(200)
                .extract().jsonPath();
        String kept = "blocks.find { it.start == " + (first + 150) + " }.article6";
        assertThat(thailandHeld.getString(kept + ".state")).isEqualTo("AUTHORIZED");
        assertThat(thailandHeld.getString(kept + ".firstTransferAct")).isNull();

        String firstItmo = "CA0001-THA01-THA-" + first + "-2025";
        String lastItmo = "CA0001-THA01-THA-" + (first + 149) + "-2025";
        int year = LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        JsonPath thActions = aef("actions", "TH", year, null);
        assertThat(thActions.getList("findAll { it.firstItmo == '" + firstItmo + "' }.action")).containsExactlyInAnyOrder("FIRST_TRANSFER",
                "TRANSFER");
        assertThat(thActions.getString("find { it.action == 'TRANSFER' && it.firstItmo == '" + firstItmo + "' }.lastItmo")).isEqualTo(lastItmo);
        assertThat(thActions.getString("find { it.action == 'TRANSFER' && it.firstItmo == '" + firstItmo + "' }.acquiringParty")).isEqualTo("JPN");
        JsonPath jpActions = aef("actions", "JP", year, null);
        assertThat(jpActions.getString("find { it.action == 'ACQUISITION' && it.firstItmo == '" + firstItmo + "' }.lastItmo")).isEqualTo(lastItmo);
        assertThat(jpActions.getLong("find { it.action == 'ACQUISITION' && it.firstItmo == '" + firstItmo + "' }.quantity")).isEqualTo(150);

        JsonPath jpHoldings = aef("holdings", "JP", year, null);
        assertThat(jpHoldings.getString("find { it.firstItmo == '" + firstItmo + "' }.state")).isEqualTo("ACQUIRED");
        assertThat(jpHoldings.getBoolean("find { it.firstItmo == '" + firstItmo + "' }.firstTransferred")).isTrue();
        JsonPath thHoldings = aef("holdings", "TH", year, null);
        String remaining = "CA0001-THA01-THA-" + (first + 150) + "-2025";
        assertThat(thHoldings.getString("find { it.firstItmo == '" + remaining + "' }.state")).isEqualTo("AUTHORIZED");
        assertThat(thHoldings.getBoolean("find { it.firstItmo == '" + remaining + "' }.firstTransferred")).isFalse();
        assertThat(thHoldings.getLong("find { it.firstItmo == '" + remaining + "' }.quantity")).isEqualTo(150);
        assertThat(thHoldings.getList("findAll { it.firstItmo == '" + firstItmo + "' }")).isEmpty();

        // Thailand applies the corresponding adjustment for the 150 it first-transferred.
        Ledgers.fromPartner(codec, "TH", "CorrespondingAdjustmentNotified", "TH", new CreditPartnerEvent.CorrespondingAdjustmentNotified("TH",
                "TH-CA-2025", 2025, List.of(new CreditPartnerEvent.SerialRange(first, first + 149))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(aef("holdings", "JP", year, null)
                .getBoolean("find { it.firstItmo == '" + firstItmo + "' }.adjustmentApplied")).isTrue());

        JsonPath conservation = Api.given().when().get("/api/ledger/conservation").then().statusCode(200).extract().jsonPath();
        assertThat(conservation.getBoolean("holds")).isTrue();
        Map<String, Object> th = conservation.getMap("projects.find { it.registry == 'TH' && it.project == 'TH005' }");
        assertThat(th).containsEntry("issued", 300).containsEntry("held", 150).containsEntry("transferredOut", 150).containsEntry("received", 0);
        Map<String, Object> jp = conservation.getMap("projects.find { it.registry == 'JP' && it.project == 'TH005' }");
        assertThat(jp).containsEntry("issued", 0).containsEntry("received", 150).containsEntry("held", 150).containsEntry("transferredOut", 0);

        // The year's holdings as of an instant do not change when later transactions happen.
        Instant before = Instant.now();
        String asOf = aefCsv("holdings", "TH", year, before);
        Api.given().contentType("application/json").body(Map.of("fromAccount", thailand, "toRegistry", "JP", "toAccount", japan, "ranges",
                List.of(Map.of("start", first + 150, "end", first + 159)))).when().post("/api/external-transfers").then().statusCode(201);
        assertThat(aefCsv("holdings", "TH", year, before)).isEqualTo(asOf);
        assertThat(aefCsv("holdings", "TH", year, null)).isNotEqualTo(asOf);
        assertThat(aefCsv("holdings", "TH", year - 1, null)).isEqualTo(aefCsv("holdings", "TH", year - 1, Instant.now()));
    }

    static JsonPath aef(String table, String registry, int year, Instant asOf) {
        var request = Api.given().queryParam("registry", registry).queryParam("year", year);
        if (asOf != null) {
            request.queryParam("asOf", asOf.toString());
        }
        return request.when().get("/api/reports/article6/" + table).then().statusCode(200).extract().jsonPath();
    }

    static String aefCsv(String table, String registry, int year, Instant asOf) {
        var request = Api.given().queryParam("registry", registry).queryParam("year", year).queryParam("format", "csv");
        if (asOf != null) {
            request.queryParam("asOf", asOf.toString());
        }
        return request.when().get("/api/reports/article6/" + table).then().statusCode(200).extract().asString();
    }
}
