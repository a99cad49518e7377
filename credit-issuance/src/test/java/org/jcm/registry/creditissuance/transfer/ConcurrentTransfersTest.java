package org.jcm.registry.creditissuance.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.Overlap;
import org.junit.jupiter.api.Test;

/**
 * 100 transfers of one credit each, out of an account holding 50, really at once: the account table is held until 32 of
 * them wait for it (the rest queue for a connection). Exactly 50 move, 50 are refused with a rule code, nothing is
 * negative, no serial is in two places, and conservation holds.
 */
@QuarkusTest
class ConcurrentTransfersTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void aHundredSimultaneousTransfersOutOfFiftyMoveExactlyFifty() throws Exception {
        Ledgers.activate(codec, "KH", "KHM", "Cambodia");
        JsonPath from = Ledgers.fundedAccount(codec, "KH", "KH001", 50, null);
        JsonPath to = Ledgers.openAccount("KH", "Receiver of KH001", null);
        List<Callable<Response>> transfers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            transfers.add(() -> Api.given().contentType("application/json").body(Map.of("fromAccount", from.getString("number"), "toAccount",
                    to.getString("number"), "quantity", 1)).when().post("/api/transfers"));
        }

        List<Response> answers = Overlap.holding("credit_issuance", "account", 32, transfers);

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(50);
        assertThat(answers.stream().filter(r -> r.statusCode() != 201).map(r -> r.statusCode() + " " + r.jsonPath().getString("code")))
                .hasSize(50).containsOnly("422 JCM-LED-301");
        assertThat(Ledgers.balance(from.getString("id"))).isZero();
        assertThat(Ledgers.balance(to.getString("id"))).isEqualTo(50);
        JsonPath held = Api.given().when().get("/api/accounts/" + to.getString("id") + "/holdings").then().statusCode(200).extract().jsonPath();
        assertThat(held.getList("blocks.quantity", Long.class)).hasSize(50).containsOnly(1L);
        assertThat(held.getList("blocks.start", Long.class)).doesNotHaveDuplicates();
        JsonPath conservation = Api.given().queryParam("registry", "KH").when().get("/api/ledger/conservation").then().statusCode(200).extract()
                .jsonPath();
        assertThat(conservation.getBoolean("holds")).isTrue();
        assertThat(conservation.getList("overlaps")).isEmpty();
        assertThat(conservation.getList("projects.project")).containsExactly("KH001");
        assertThat(conservation.getList("projects.held", Long.class)).containsExactly(50L);
    }
}
