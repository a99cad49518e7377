package org.jcm.registry.creditissuance.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every numbered check of a movement of credits, each refusing with its code; several failures are reported together. */
@QuarkusTest
class MovementChecksTest {

    @Inject
    CloudEventCodec codec;

    static JsonPath holder;
    static JsonPath other;
    static long first;

    @BeforeEach
    void ledger() {
        if (holder == null) {
            Ledgers.activate(codec, "MV", "MDV", "Maldives");
            holder = Ledgers.fundedAccount(codec, "MV", "MV001", 100, "PP-MV-0001");
            other = Ledgers.openAccount("MV", "Other holder in the Maldives", null);
            first = Api.given().when().get("/api/accounts/" + holder.getString("id") + "/holdings").then().extract().jsonPath()
                    .getLong("blocks[0].start");
        }
    }

    @Test
    void senderChecks() {
        assertThat(transfer(body("MV-200-999999", other.getString("number"), 1))).containsExactly("JCM-LED-101");
        assertThat(transfer(body("MV-900-1", other.getString("number"), 1))).containsExactly("JCM-LED-103", "JCM-LED-301");
        JsonPath blocked = Ledgers.fundedAccount(codec, "MV", "MV002", 5, null);
        Api.given().contentType("application/json").body(Map.of("reason", "Investigation")).when().post("/api/accounts/" + blocked.getString("id")
                + "/block").then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("BLOCKED"));
        assertThat(transfer(body(blocked.getString("number"), other.getString("number"), 1))).containsExactly("JCM-LED-102");
    }

    @Test
    void receiverChecks() {
        assertThat(transfer(body(holder.getString("number"), "MV-200-999999", 1))).containsExactly("JCM-LED-201");
        assertThat(transfer(body(holder.getString("number"), "JP-100-1", 1))).containsExactly("JCM-LED-203");
        assertThat(transfer(body(holder.getString("number"), holder.getString("number"), 1))).containsExactly("JCM-LED-204");
        assertThat(transfer(body(holder.getString("number"), "MV-900-1", 1))).containsExactly("JCM-LED-205");
        JsonPath closed = Ledgers.openAccount("MV", "Short-lived holder", null);
        Api.given().contentType("application/json").body(Map.of("reason", "Holder wound up")).when().post("/api/accounts/" + closed.getString("id")
                + "/close").then().statusCode(200);
        assertThat(transfer(body(holder.getString("number"), closed.getString("number"), 1))).containsExactly("JCM-LED-202");
    }

    @Test
    void unitChecksAndEveryFailureAtOnce() {
        long before = Ledgers.balance(holder.getString("id"));
        assertThat(transfer(body(holder.getString("number"), other.getString("number"), 101))).containsExactly("JCM-LED-301");
        Map<String, Object> notHeld = body(holder.getString("number"), other.getString("number"), null);
        notHeld.put("ranges", List.of(Map.of("start", first + 99, "end", first + 100)));
        assertThat(transfer(notHeld)).containsExactly("JCM-LED-302");
        Map<String, Object> overlapping = body(holder.getString("number"), other.getString("number"), null);
        overlapping.put("ranges", List.of(Map.of("start", first, "end", first + 5), Map.of("start", first + 5, "end", first + 6)));
        assertThat(transfer(overlapping)).containsExactly("JCM-LED-303");
        Map<String, Object> backwards = body(holder.getString("number"), other.getString("number"), null);
        backwards.put("ranges", List.of(Map.of("start", first + 5, "end", first)));
        assertThat(transfer(backwards)).containsExactly("JCM-LED-303");
        Map<String, Object> both = body(holder.getString("number"), other.getString("number"), 1);
        both.put("ranges", List.of(Map.of("start", first, "end", first)));
        assertThat(transfer(both)).containsExactly("JCM-LED-304");
        assertThat(transfer(body(holder.getString("number"), other.getString("number"), null))).containsExactly("JCM-LED-304");
        // Every failure at once: to itself, more than it holds.
        assertThat(transfer(body(holder.getString("number"), holder.getString("number"), 1000))).containsExactlyInAnyOrder("JCM-LED-301",
                "JCM-LED-204");
        assertThat(Ledgers.balance(holder.getString("id"))).isEqualTo(before);
    }

    @Test
    void retirementChecksTheYearOfUseAndCannotBeUndone() {
        JsonPath retiring = Ledgers.fundedAccount(codec, "MV", "MV003", 100, null);
        Map<String, Object> early = new HashMap<>(Map.of("fromAccount", retiring.getString("number"), "quantity", 1, "purpose", "NDC", "beneficiary",
                "Government of Maldives", "yearOfUse", 2019));
        assertThat(codes(Api.given().contentType("application/json").body(early).when().post("/api/retirements").then().statusCode(422).extract()
                .jsonPath())).containsExactly("JCM-LED-401");
        early.put("yearOfUse", 2020);
        Api.given().contentType("application/json").body(early).when().post("/api/retirements").then().statusCode(201)
                .body("type", org.hamcrest.Matchers.equalTo("RETIREMENT"), "retirementPurpose", org.hamcrest.Matchers.equalTo("NDC"));
        Api.given().contentType("application/json").body(Map.of("fromAccount", retiring.getString("number"), "quantity", 2, "reason",
                "Voluntary cancellation")).when().post("/api/cancellations").then().statusCode(201).body("toAccount", org.hamcrest.Matchers.equalTo(
                        "MV-800-1"));
        assertThat(transfer(body("MV-800-1", other.getString("number"), 1))).containsExactly("JCM-LED-103");
        assertThat(Ledgers.balance(retiring.getString("id"))).isEqualTo(97);
        assertThat(Api.given().queryParam("registry", "MV").when().get("/api/ledger/conservation").then().extract().jsonPath().getBoolean("holds"))
                .isTrue();
    }

    @Test
    void aParticipantMovesOnlyFromTheAccountItHolds() {
        Api.as(Api.tokens().participant("PP-MV-0001")).contentType("application/json").body(body(holder.getString("number"), other.getString(
                "number"), 1)).when().post("/api/transfers").then().statusCode(201);
        Api.as(Api.tokens().participant("PP-MV-0002")).contentType("application/json").body(body(holder.getString("number"), other.getString(
                "number"), 1)).when().post("/api/transfers").then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("JCM-SEC-003"));
        Api.as(Api.tokens().participant("PP-MV-0001")).contentType("application/json").body(body(other.getString("number"), holder.getString(
                "number"), 1)).when().post("/api/transfers").then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("JCM-SEC-003"));
        Api.as(Api.tokens().operatorOf("TH")).contentType("application/json").body(body(holder.getString("number"), other.getString("number"), 1))
                .when().post("/api/transfers").then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("JCM-SEC-003"));
    }

    private static Map<String, Object> body(String from, String to, Integer quantity) {
        Map<String, Object> body = new HashMap<>(Map.of("fromAccount", from, "toAccount", to));
        if (quantity != null) {
            body.put("quantity", quantity);
        }
        return body;
    }

    private static List<String> transfer(Map<String, Object> body) {
        JsonPath answer = Api.given().contentType("application/json").body(body).when().post("/api/transfers").then().extract().jsonPath();
        return codes(answer);
    }

    /** The refusal's code, or the codes of every failed check when several failed. */
    static List<String> codes(JsonPath problem) {
        List<String> several = problem.getList("violations.code");
        return several == null || several.isEmpty() ? List.of(problem.getString("code")) : several;
    }
}
