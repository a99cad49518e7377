package org.jcm.registry.creditissuance.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/** A transfer retried with the same Idempotency-Key moves credits once and answers the first answer again. */
@QuarkusTest
class IdempotentTransferTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void aRetriedTransferMovesCreditsOnce() {
        Ledgers.activate(codec, "LA", "LAO", "Lao PDR");
        JsonPath from = Ledgers.fundedAccount(codec, "LA", "LA001", 30, null);
        JsonPath to = Ledgers.openAccount("LA", "Receiver of LA001", null);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("fromAccount", from.getString("number"), "toAccount", to.getString("number"), "quantity", 10);

        String first = Api.given().header("Idempotency-Key", key).contentType("application/json").body(body).when().post("/api/transfers").then()
                .statusCode(201).extract().path("id");
        String again = Api.given().header("Idempotency-Key", key).contentType("application/json").body(body).when().post("/api/transfers").then()
                .statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");

        assertThat(again).isEqualTo(first);
        assertThat(Ledgers.balance(from.getString("id"))).isEqualTo(20);
        assertThat(Ledgers.balance(to.getString("id"))).isEqualTo(10);
    }
}
