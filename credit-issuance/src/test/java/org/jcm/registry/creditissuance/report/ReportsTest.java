package org.jcm.registry.creditissuance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/** The public reports answer anyone, in JSON and in CSV with the same columns and figures. */
@QuarkusTest
class ReportsTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void holdingsAnnualSummaryAndIssuanceTotalsInJsonAndCsv() {
        Ledgers.activate(codec, "GH", "GHA", "Ghana");
        JsonPath a = Ledgers.fundedAccount(codec, "GH", "GH001", 100, null);
        Api.given().contentType("application/json").body(Map.of("fromAccount", a.getString("number"), "quantity", 10, "purpose", "VOLUNTARY",
                "beneficiary", "Accra, \"Green\" Schools", "yearOfUse", 2024)).when().post("/api/retirements").then().statusCode(201);
        int year = Year.now(ZoneOffset.UTC).getValue();

        JsonPath holdings = Api.anonymous().queryParam("registry", "GH").when().get("/api/reports/holdings").then().statusCode(200).extract()
                .jsonPath();
        assertThat(holdings.getList("accountType")).containsExactly("GOVERNMENT_HOLDING", "ENTITY_HOLDING", "CANCELLATION", "RETIREMENT");
        assertThat(holdings.getList("quantity", Long.class)).containsExactly(0L, 90L, 0L, 10L);
        assertThat(holdings.getList("accounts", Long.class)).containsExactly(1L, 1L, 1L, 1L);
        String csv = Api.anonymous().queryParam("registry", "GH").queryParam("format", "csv").when().get("/api/reports/holdings").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("registry,asOf,accountType,accounts,quantity");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).startsWith("GH,").endsWith(",ENTITY_HOLDING,1,90");
        assertThat(csv).contains("\r\n");

        JsonPath annual = Api.anonymous().queryParam("registry", "GH").queryParam("year", year).when().get("/api/reports/transactions").then()
                .statusCode(200).extract().jsonPath();
        assertThat(annual.getList("transactionType")).containsExactly("ISSUANCE", "INTERNAL_TRANSFER", "RETIREMENT", "CANCELLATION",
                "EXTERNAL_TRANSFER");
        assertThat(annual.getList("transactions", Long.class)).containsExactly(1L, 0L, 1L, 0L, 0L);
        assertThat(annual.getList("quantity", Long.class)).containsExactly(100L, 0L, 10L, 0L, 0L);

        String totals = Api.anonymous().queryParam("registry", "GH").queryParam("format", "csv").when().get("/api/reports/issuance").then()
                .statusCode(200).extract().asString();
        assertThat(totals).isEqualTo("registry,hostCountry,project,vintage,issuances,quantity\r\nGH,GH,GH001,2020,1,100\r\n");
        String sinceOpened = Api.anonymous().queryParam("registry", "GH").queryParam("format", "csv").when().get("/api/reports/transactions").then()
                .statusCode(200).extract().asString();
        assertThat(sinceOpened).startsWith("registry,year,transactionType,transactions,quantity\r\nGH,,ISSUANCE,1,100\r\n")
                .contains("GH,,RETIREMENT,1,10\r\n");
        Api.anonymous().queryParam("registry", "ZZ").when().get("/api/reports/holdings").then().statusCode(404);
        Api.anonymous().queryParam("registry", "GH").queryParam("asOf", "10000-01-01").when().get("/api/reports/holdings").then().statusCode(400);
    }

    @Test
    void everyReportIsDocumentedAsJsonRowsAndAsCsv() {
        JsonPath openapi = Api.anonymous().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("holdings", "transactions", "issuance", "issuances", "retirements", "serial-lineage", "article6/{table}")) {
            String ok = "paths.'/api/reports/" + path + "'.get.responses.'200'.content";
            assertThat(openapi.getString(ok + ".'application/json'.schema.items.'$ref'")).as(path).isEqualTo("#/components/schemas/ReportRow");
            assertThat(openapi.getString(ok + ".'text/csv'.schema.type")).as(path).contains("string");
        }
        assertThat(openapi.getString("components.schemas.ReportRow.type")).contains("object");
    }

    @Test
    void issuancesRetirementsAndTheLineageOfASerialBlockByBlockWithoutWhoActedOrWhichAccount() {
        Ledgers.activate(codec, "GM", "GMB", "Gambia");
        JsonPath a = Ledgers.fundedAccount(codec, "GM", "GM001", 100, null);
        Api.given().contentType("application/json").body(Map.of("fromAccount", a.getString("number"), "quantity", 30, "purpose", "OIMP",
                "beneficiary", "Banjul Air, \"CORSIA\" 2024", "yearOfUse", 2024)).when().post("/api/retirements").then().statusCode(201);
        int year = Year.now(ZoneOffset.UTC).getValue();

        JsonPath issuances = Api.anonymous().queryParam("registry", "GM").queryParam("project", "GM001").when().get("/api/reports/issuances").then()
                .statusCode(200).extract().jsonPath();
        assertThat(issuances.getList("block")).containsExactly("JCM-GM-GM001-2020-1-100");
        assertThat(issuances.getList("accountType")).containsExactly("ENTITY_HOLDING");
        assertThat(issuances.getList("quantity", Long.class)).containsExactly(100L);
        assertThat(Api.anonymous().queryParam("registry", "GM").queryParam("year", year - 1).when().get("/api/reports/issuances").then()
                .statusCode(200).extract().jsonPath().getList("$")).isEmpty();
        assertThat(Api.anonymous().queryParam("registry", "GM").queryParam("project", "GM999").when().get("/api/reports/issuances").then()
                .statusCode(200).extract().jsonPath().getList("$")).isEmpty();

        String retirements = Api.anonymous().queryParam("registry", "GM").queryParam("year", year).queryParam("format", "csv").when()
                .get("/api/reports/retirements").then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = retirements.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo("registry,transaction,retiredAt,purpose,beneficiary,yearOfUse,project,vintage,quantity,firstSerial,lastSerial,block");
        assertThat(lines.get(1)).startsWith("GM,")
                .endsWith(",OIMP,\"Banjul Air, \"\"CORSIA\"\" 2024\",2024,GM001,2020,30,1,30,JCM-GM-GM001-2020-1-30");

        JsonPath lineage = Api.anonymous().queryParam("registry", "GM").queryParam("serial", 5).when().get("/api/reports/serial-lineage").then()
                .statusCode(200).extract().jsonPath();
        assertThat(lineage.getList("step")).containsExactly("ISSUED", "RETIRED");
        assertThat(lineage.getList("accountType")).containsExactly("ENTITY_HOLDING", "RETIREMENT");
        assertThat(lineage.getList("block")).containsExactly("JCM-GM-GM001-2020-1-100", "JCM-GM-GM001-2020-1-30");
        assertThat(lineage.getMap("[0]")).doesNotContainKeys("actor", "account");
        assertThat(Api.anonymous().queryParam("registry", "GM").queryParam("serial", 70).when().get("/api/reports/serial-lineage").then()
                .statusCode(200).extract().jsonPath().getList("step")).containsExactly("ISSUED", "SPLIT");
        String registries = Api.anonymous().queryParam("format", "csv").when().get("/api/registries").then().statusCode(200).contentType("text/csv")
                .extract().asString();
        assertThat(registries).startsWith("code,countryCode,name,article6RegistryId,hosting,state,lastSerial,openedAt\r\n");
        assertThat(registries.lines()).anySatisfy(line -> assertThat(line).startsWith("GM,GM,").contains(",ACTIVE,100,"));
        Api.anonymous().queryParam("registry", "GM").queryParam("serial", 101).when().get("/api/reports/serial-lineage").then().statusCode(404)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("JCM-LED-502"));
        Api.anonymous().queryParam("registry", "GM").queryParam("serial", "1e99").when().get("/api/reports/serial-lineage").then().statusCode(400);
        Api.anonymous().queryParam("registry", "GM").queryParam("project", "x".repeat(33)).when().get("/api/reports/issuances").then()
                .statusCode(400);
    }
}
