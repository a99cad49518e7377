package org.jcm.registry.creditissuance.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.creditissuance.Ledgers.decide;
import static org.jcm.registry.creditissuance.Ledgers.line;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * Bangladesh's figures (domain.md): 144 tCO2e issued as 73 to the Government of Japan and 71 to a participant; then a
 * second period of 355 as 178 + 177, whose serials continue each registry's counter.
 */
@QuarkusTest
class BangladeshIssuanceTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void issuesEachLineAsOneBlockAndRefusesWhatWouldIssueTwiceOrTooMuch() {
        Ledgers.activate(codec, "BD", "BGD", "Bangladesh");
        JsonPath participant = Ledgers.openAccount("BD", "Pacific Consultants Bangladesh Ltd.", "PP-BD-0001");
        ProjectSnapshot project = Ledgers.registerProject(codec, "BD", "BD002", "PP-BD-0001");
        LocalDate start = LocalDate.of(2018, 6, 1);
        LocalDate end = LocalDate.of(2019, 5, 31);
        Ledgers.verify(codec, project, start, end, Map.of(2018, 80L, 2019, 64L));
        String first = Ledgers.requestIssuance("BD002", start, end);
        long jpBefore = Api.given().when().get("/api/registries/JP").then().extract().jsonPath().getLong("lastSerial");
        long bdBefore = Api.given().when().get("/api/registries/BD").then().extract().jsonPath().getLong("lastSerial");

        // Lines adding to 145 where 144 were verified: refused, nothing issued. 2019 gets 65 of 64.
        decide(first, "JC-BD-2020-01", List.of(line("JP", "JP-100-1", 2018, 73), line("BD", participant.getString("number"), 2018, 7),
                line("BD", participant.getString("number"), 2019, 65))).then().statusCode(422).body("code", equalTo("JCM-ISS-007"));
        assertThat(Api.given().when().get("/api/registries/JP").then().extract().jsonPath().getLong("lastSerial")).isEqualTo(jpBefore);

        JsonPath issued = decide(first, "JC-BD-2020-01",
                List.of(line("JP", "JP-100-1", 2018, 73), line("BD", participant.getString("number"), 2018, 7),
                        line("BD", participant.getString("number"), 2019, 64)))
                .then().statusCode(200).extract().jsonPath();
        assertThat(issued.getString("state")).isEqualTo("ISSUED");
        assertThat(issued.getLong("issued")).isEqualTo(144);
        assertThat(issued.getList("lines.quantity", Long.class)).containsExactly(73L, 7L, 64L);
        assertThat(issued.getString("lines[0].block")).isEqualTo("JCM-JP-BD002-2018-" + (jpBefore + 1) + "-" + (jpBefore + 73));
        assertThat(issued.getString("lines[1].block")).isEqualTo("JCM-BD-BD002-2018-" + (bdBefore + 1) + "-" + (bdBefore + 7));
        assertThat(issued.getString("lines[2].block")).isEqualTo("JCM-BD-BD002-2019-" + (bdBefore + 8) + "-" + (bdBefore + 71));
        assertThat(issued.getString("decision.reference")).isEqualTo("JC-BD-2020-01");
        assertThat(issued.getString("verification.tpeId")).isEqualTo("TPE-BD-1");
        assertThat(Ledgers.balance(participant.getString("id"))).isEqualTo(71);

        // The same decision again, and the same period asked for again: refused.
        decide(first, "JC-BD-2020-01", List.of(line("JP", "JP-100-1", 2018, 1))).then().statusCode(409).body("code", equalTo("JCM-ISS-006"));
        Api.given().contentType("application/json").body(Map.of("projectReference", "BD002", "monitoringPeriodStart", start.toString(),
                "monitoringPeriodEnd", end.toString())).when().post("/api/issuances").then().statusCode(409).body("code", equalTo("JCM-ISS-004"));

        // The second period, 355 as 178 + 177: each registry's serials go on from where they stopped.
        LocalDate start2 = LocalDate.of(2019, 6, 1);
        LocalDate end2 = LocalDate.of(2020, 5, 31);
        Ledgers.verify(codec, project, start2, end2, Map.of(2019, 200L, 2020, 155L));
        String second = Ledgers.requestIssuance("BD002", start2, end2);
        JsonPath again = decide(second, "JC-BD-2021-02", List.of(line("JP", "JP-100-1", 2019, 178), line("BD", participant.getString("number"), 2019,
                22), line("BD", participant.getString("number"), 2020, 155))).then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("lines[0].block")).isEqualTo("JCM-JP-BD002-2019-" + (jpBefore + 74) + "-" + (jpBefore + 251));
        assertThat(again.getString("lines[1].block")).isEqualTo("JCM-BD-BD002-2019-" + (bdBefore + 72) + "-" + (bdBefore + 93));
        assertThat(again.getLong("issued")).isEqualTo(355);

        Api.given().queryParam("country", "BD").queryParam("project", "BD002").when().get("/api/issuances").then().statusCode(200)
                .body("issuances.decision.reference", containsInAnyOrder("JC-BD-2020-01", "JC-BD-2021-02"));
        JsonPath conservation = Api.given().queryParam("registry", "BD").when().get("/api/ledger/conservation").then().statusCode(200).extract()
                .jsonPath();
        assertThat(conservation.getBoolean("holds")).isTrue();
        assertThat(conservation.getList("registries.issued", Long.class)).containsExactly(248L);
    }
}
