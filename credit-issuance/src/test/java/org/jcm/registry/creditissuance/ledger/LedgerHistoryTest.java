package org.jcm.registry.creditissuance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/** The history is a query: holdings as of an instant between two transfers, and the lineage of a serial, step by step. */
@QuarkusTest
class LedgerHistoryTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void holdingsAsOfAnInstantBetweenTwoTransfersShowTheStateBetweenThem() {
        Ledgers.activate(codec, "MM", "MMR", "Myanmar");
        JsonPath a = Ledgers.fundedAccount(codec, "MM", "MM001", 100, null);
        JsonPath b = Ledgers.openAccount("MM", "Receiver of MM001", null);
        Instant first = Instant.parse(transfer(a, b, 10).getString("at"));
        Instant between = first.plusNanos(1000);
        transfer(a, b, 15);

        assertThat(holdings(b, between).getLong("total")).isEqualTo(10);
        assertThat(holdings(a, between).getLong("total")).isEqualTo(90);
        assertThat(holdings(b, null).getLong("total")).isEqualTo(25);
        assertThat(holdings(a, null).getLong("total")).isEqualTo(75);
        assertThat(holdings(b, first.minusSeconds(3600)).getLong("total")).isZero();
        assertThat(holdings(a, first.minusNanos(1000)).getLong("total")).isEqualTo(100);
    }

    @Test
    void theLineageOfASerialIssuedSplitTwiceAndRetiredShowsAllFourSteps() {
        Ledgers.activate(codec, "NP", "NPL", "Nepal");
        JsonPath a = Ledgers.fundedAccount(codec, "NP", "NP001", 100, null);
        JsonPath b = Ledgers.openAccount("NP", "Receiver of NP001", null);
        long start = holdings(a, null).getLong("blocks[0].start");
        long serial = start + 50;
        transfer(a, b, 10);
        transfer(a, b, 10);
        Api.given().contentType("application/json").body(Map.of("fromAccount", a.getString("number"), "ranges", List.of(Map.of("start", serial,
                "end", serial)), "purpose", "VOLUNTARY", "beneficiary", "Nepal Climate Fund", "yearOfUse", 2021)).when().post("/api/retirements")
                .then().statusCode(201);

        JsonPath lineage = Api.given().queryParam("registry", "NP").queryParam("serial", serial).when().get("/api/blocks").then().statusCode(200)
                .extract().jsonPath();

        assertThat(lineage.getList("steps.step")).containsExactly("ISSUED", "SPLIT", "SPLIT", "RETIRED");
        assertThat(lineage.getList("steps.transactionType")).containsExactly("ISSUANCE", "INTERNAL_TRANSFER", "INTERNAL_TRANSFER", "RETIREMENT");
        assertThat(lineage.getString("steps[3].block.display")).isEqualTo("JCM-NP-NP001-2020-" + serial + "-" + serial);
        assertThat(lineage.getString("steps[3].block.account")).isEqualTo("NP-900-1");
        assertThat(lineage.getString("steps[3].block.closedAt")).isNull();
        assertThat(lineage.getString("steps[0].block.closedAt")).isNotNull();
        // The retired credit never moves again.
        assertThat(Api.given().contentType("application/json").body(Map.of("fromAccount", "NP-900-1", "toAccount", b.getString("number"), "quantity",
                1)).when().post("/api/transfers").then().statusCode(422).extract().jsonPath().getString("code")).isEqualTo("JCM-LED-103");
    }

    private static JsonPath transfer(JsonPath from, JsonPath to, long quantity) {
        return Api.given().contentType("application/json").body(Map.of("fromAccount", from.getString("number"), "toAccount", to.getString("number"),
                "quantity", quantity)).when().post("/api/transfers").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath holdings(JsonPath account, Instant asOf) {
        var request = Api.given();
        if (asOf != null) {
            request.queryParam("asOf", asOf.toString());
        }
        return request.when().get("/api/accounts/" + account.getString("id") + "/holdings").then().statusCode(200).extract().jsonPath();
    }
}
