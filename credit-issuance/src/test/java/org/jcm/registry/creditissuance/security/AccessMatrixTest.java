package org.jcm.registry.creditissuance.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.AccessMatrix;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * Every operation of credit-issuance's OpenAPI document, called by every kind of caller, gets what its roles and the
 * caller's scope say. The fixture is Thailand's registry with project TH001, whose participant PP-TH-0001 holds account
 * TH-200-000001 (the one the documents' examples name) with credits in it.
 */
@QuarkusTest
class AccessMatrixTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CloudEventCodec codec;

    @Test
    void everyOperationAnswersEveryCallerAsItsRolesAndScopeSay() {
        Map<String, String> values = fixture();

        AccessMatrix.Result result = AccessMatrix.check("credit-issuance", base.toString(), values, "TH", "PP-TH-0001",
                AccessMatrix.PLATFORM_UNBOUND_ONLY);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.publicOperations()).containsExactlyInAnyOrder("getAuditPublicKey", "listRegistries", "getRegistry", "asyncApi",
                "contractFile",
                "reportHoldings", "reportAnnualTransactions", "reportIssuanceTotals", "reportArticle6", "reportIssuances", "reportRetirements",
                "reportSerialLineage");
        assertThat(result.operations()).isEqualTo(49);
    }

    @Test
    void everyStateChangingOperationHonoursAnIdempotencyKey() {
        Map.Entry<Integer, List<String>> tried = AccessMatrix.idempotencyKeyNotHonoured(base.toString(), fixture());
        assertThat(tried.getKey()).isEqualTo(16);
        assertThat(tried.getValue()).isEmpty();
    }

    private static Map<String, String> cached;

    private Map<String, String> fixture() {
        if (cached != null) {
            return cached;
        }
        Ledgers.activate(codec, "TH", "THA", "Thailand");
        JsonPath account = Ledgers.openAccount("TH", "Thai participant", "PP-TH-0001");
        assertThat(account.getString("number")).isEqualTo("TH-200-000001");
        ProjectSnapshot project = Ledgers.registerProject(codec, "TH", "TH001", "PP-TH-0001");
        Ledgers.verify(codec, project, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), Map.of(2023, 300L));
        Ledgers.verify(codec, project, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), Map.of(2022, 1000L));
        String issuance = Ledgers.requestIssuance("TH001", LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31));
        JsonPath issued = Ledgers.decide(issuance, "JC-TH-2023-01", List.of(Ledgers.line("TH", "TH-200-000001", 2022, 1000))).then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> values = new HashMap<>(Map.of("code", "TH", "file", "partner/asyncapi.yaml", "id", "1", "treeSize", "1"));
        values.put("/api/accounts/{id}#id", account.getString("id"));
        values.put("/api/issuances/{id}#id", issuance);
        values.put("/api/transactions/{id}#id", issued.getString("lines[0].transactionId"));
        values.put("/api/transactions?", "registry=TH");
        values.put("/api/blocks?", "registry=TH&serial=" + issued.getLong("lines[0].firstSerial"));
        values.put("/api/issuances?", "country=TH");
        values.put("/api/reports/serial-lineage?", "registry=TH&serial=" + issued.getLong("lines[0].firstSerial"));
        values.put("/api/reports/issuances?", "registry=TH&project=TH001");
        values.put("/api/reports/retirements?", "registry=TH");
        values.put("/api/ledger/conservation?", "registry=TH");
        values.put("table", "holdings");
        values.put("/api/reports/article6/{table}?", "registry=TH&year=" + LocalDate.now(java.time.ZoneOffset.UTC).getYear());
        Api.given().contentType("application/json").body(Map.of("reference", "TH-A6-FIXTURE", "authorizedOn", "2023-01-10", "uses", List.of("NDC"),
                "projectReference", "TH001", "vintages", List.of(2022), "quantity", 20)).when().post("/api/registries/TH/authorizations").then()
                .statusCode(201);
        values.put("/api/external-transfers/{id}#id", Api.given().contentType("application/json").body(Map.of("fromAccount", "TH-200-000001",
                "toRegistry", "JP", "toAccount", Ledgers.registryAccount("JP", "GOVERNMENT_HOLDING"), "quantity", 10)).when()
                .post("/api/external-transfers").then().statusCode(201).extract().path("id"));
        cached = values;
        return values;
    }
}
