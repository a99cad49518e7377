package org.jcm.registry.creditissuance.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.contract.partner.CreditPartnerEvent;
import org.jcm.registry.contract.registry.RegistryEvent;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.PublishedContract;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * What the ledger publishes is what its contract says, and a consumer can rebuild holdings from the topic alone; the
 * golden examples read into the Java records and match their schemas.
 */
@QuarkusTest
class LedgerContractTest {

    @Inject
    CloudEventCodec codec;

    @Inject
    ObjectMapper mapper;

    @Test
    void everyLedgerEventMatchesItsSchemaAndTheTopicAloneRebuildsTheHoldings() {
        Ledgers.activate(codec, "MX", "MEX", "Mexico");
        JsonPath a = Ledgers.fundedAccount(codec, "MX", "MX001", 100, null);
        JsonPath b = Ledgers.openAccount("MX", "Receiver of MX001", null);
        Api.given().contentType("application/json").body(Map.of("fromAccount", a.getString("number"), "toAccount", b.getString("number"), "quantity",
                30)).when().post("/api/transfers").then().statusCode(201);
        Api.given().contentType("application/json").body(Map.of("fromAccount", b.getString("number"), "quantity", 5, "purpose", "OIMP", "beneficiary",
                "An airline, for CORSIA", "yearOfUse", 2024)).when().post("/api/retirements").then().statusCode(201);
        Api.given().contentType("application/json").body(Map.of("fromAccount", a.getString("number"), "quantity", 2, "reason", "Voluntary"))
                .when().post("/api/cancellations").then().statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> mexico = TestInfra.readAll(Topics.TRANSACTIONS, Duration.ofMillis(500)).stream().filter(r -> "MX".equals(r.key()))
                    .map(r -> PublishedContract.assertValidEvent("credit-issuance", r.value())).toList();
            assertThat(mexico).extracting(e -> e.get("type").asText()).containsExactly("IssuanceRequested", "CreditsIssued", "CreditsTransferred",
                    "CreditsRetired", "CreditsCancelled");
            Map<Long, JsonNode> current = new HashMap<>();
            for (JsonNode e : mexico) {
                e.path("data").path("closedBlocks").forEach(id -> current.remove(id.asLong()));
                e.path("data").path("openedBlocks").forEach(block -> current.put(block.get("blockId").asLong(), block));
            }
            Map<String, Long> held = new HashMap<>();
            current.values().forEach(block -> held.merge(block.get("account").asText(), block.get("end").asLong() - block.get("start").asLong() + 1,
                    Long::sum));
            assertThat(held).containsExactlyInAnyOrderEntriesOf(Map.of(a.getString("number"), 68L, b.getString("number"), 25L, "MX-900-1", 5L,
                    "MX-800-1", 2L));
        });
    }

    @Test
    void theGoldenExamplesReadIntoTheRecordsAndMatchTheirSchemas() throws Exception {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<String, Class<?>> types = new HashMap<>();
        EventTypes.of(LedgerEvent.class).forEach(types::put);
        EventTypes.of(RegistryEvent.class).forEach(types::put);
        EventTypes.of(CreditPartnerEvent.class).forEach(types::put);
        assertThat(types.keySet())
                .containsAll(Set.of("CreditsIssued", "CreditsTransferred", "CreditsRetired", "CreditsCancelled", "IssuanceRequested",
                        "IssuanceNotified", "AccountStateChanged"));
        for (Map.Entry<String, Class<?>> type : types.entrySet()) {
            JsonNode example = PublishedContract.json(PublishedContract.text("credit-issuance/examples/" + type.getKey() + ".json"));
            assertThat(PublishedContract.violations("credit-issuance/schemas/" + type.getKey() + ".json", example.path("data"))).as(type.getKey())
                    .isEmpty();
            Object read = strict.treeToValue(example.path("data"), type.getValue());
            JsonNode written = mapper.readTree(mapper.writeValueAsString(read));
            assertThat(written).as(type.getKey()).isEqualTo(example.path("data"));
        }
    }
}
