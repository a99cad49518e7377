package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.jcm.registry.testsupport.Api.given;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** The event log against the real broker and database: published as CloudEvents, chained, immutable, verifiable. */
@QuarkusTest
class EventLogTest {

    private static final String SCHEMA = "country_onboarding";

    @Test
    void everyChangeIsPublishedAsACloudEventKeyedByTheCountry() {
        onboard("PH", "Philippines", "2017-01-12");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TestInfra.readAll(Topics.COUNTRIES, Duration.ofMillis(500)).stream()
                    .filter(r -> "PH".equals(r.key())).toList();
            assertThat(records).hasSize(4);
            List<String> types = records.stream().map(r -> JsonPath.from(r.value()).getString("type")).toList();
            assertThat(types).containsExactly("PartnerCountryProposed", "BilateralDocumentSigned", "JointCommitteeEstablished",
                    "PartnerCountryActivated");
            JsonPath activated = JsonPath.from(records.get(3).value());
            assertThat(activated.getString("specversion")).isEqualTo("1.0");
            assertThat(activated.getString("source")).isEqualTo("/jcm/country-onboarding");
            assertThat(activated.getString("subject")).isEqualTo("PH");
            assertThat(activated.getString("dataschema")).isEqualTo("urn:jcm:schema:PartnerCountryActivated:v1");
            assertThat(activated.getString("id")).isNotBlank();
            assertThat(activated.getString("time")).isNotBlank();
            assertThat(activated.getInt("data.country.version")).isEqualTo(4);
            assertThat(activated.getString("data.country.state")).isEqualTo("ACTIVE");
            assertThat(new String(records.get(3).headers().lastHeader("content-type").value())).isEqualTo("application/cloudevents+json");
        });
    }

    @Test
    void theAuditLogIsAContiguousChainThatVerifies() {
        onboard("LK", "Sri Lanka", "2022-10-10");
        awaitChained();

        JsonPath page = given().queryParam("after", 0).queryParam("limit", 1000).when().get("/api/audit/events")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = page.getList("entries");
        assertThat(entries).isNotEmpty();
        String prev = "0".repeat(64);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(((Number) entries.get(i).get("position")).longValue()).isEqualTo(i + 1);
            assertThat(entries.get(i).get("prevHash")).isEqualTo(prev);
            prev = (String) entries.get(i).get("hash");
        }
        assertThat(page.getLong("next")).isEqualTo(entries.size());
        given().queryParam("after", page.getLong("next")).when().get("/api/audit/events").then().statusCode(200)
                .body("entries.size()", equalTo(0));
        given().when().get("/api/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true), "firstBrokenPosition", nullValue(), "entriesChecked", equalTo(entries.size()));
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theServiceConnectsAsItsOwnRoleIntoItsOwnSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT current_user, current_schema, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(SCHEMA);
            assertThat(rs.getString(2)).isEqualTo(SCHEMA);
            assertThat(rs.getBoolean(3)).isFalse();
        }
    }

    @Test
    void aParameterOfTheWrongTypeIsABadRequestNotAMissingResource() {
        given().queryParam("after", "abc").when().get("/api/audit/events").then().statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("code", equalTo("JCM-REQ-001"));
        given().queryParam("limit", "abc").when().get("/api/dead-letters").then().statusCode(400).body("code", equalTo("JCM-REQ-001"));
        given().queryParam("after", "99999999999999999999999").when().get("/api/audit/events").then().statusCode(400).body("code",
                equalTo("JCM-REQ-001"));
    }

    @Test
    void theServiceCannotDeleteOrRewriteItsLog() throws SQLException {
        onboard("UZ", "Uzbekistan", "2022-10-25");
        awaitChained();
        try (Connection c = TestInfra.serviceConnection(SCHEMA); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM event_log WHERE aggregate_id = 'UZ'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE event_log SET message = '{}' WHERE aggregate_id = 'UZ'"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE event_log SET hash = 'x' WHERE aggregate_id = 'UZ'"))
                    .hasMessageContaining("already chained");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE event_log")).hasMessageContaining("append-only");
        }
    }

    @Test
    void anEntryAlteredBehindTheServicesBackIsReportedAtItsPosition() throws SQLException {
        onboard("PG", "Papua New Guinea", "2022-11-18");
        awaitChained();
        long position;
        String original;
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT position, message FROM " + SCHEMA + ".event_log WHERE aggregate_id = 'PG' "
                    + "AND event_type = 'BilateralDocumentSigned'");
            assertThat(rs.next()).isTrue();
            position = rs.getLong(1);
            original = rs.getString(2);
            tamper(s, position, original.replace("2022-11-18", "2021-11-18"));
        }
        try {
            given().when().get("/api/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false), "firstBrokenPosition", equalTo((int) position), "entriesChecked", equalTo((int) position - 1));
        } finally {
            try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
                tamper(s, position, original);
            }
        }
        given().when().get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    /** What an intruder with database rights would do: switch off the guard and rewrite an entry. */
    static void tamper(Statement s, long position, String message) throws SQLException {
        s.execute("ALTER TABLE " + SCHEMA + ".event_log DISABLE TRIGGER event_log_guard_row");
        try (var ps = s.getConnection().prepareStatement("UPDATE " + SCHEMA + ".event_log SET message = ? WHERE position = ?")) {
            ps.setString(1, message);
            ps.setLong(2, position);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } finally {
            s.execute("ALTER TABLE " + SCHEMA + ".event_log ENABLE TRIGGER event_log_guard_row");
        }
    }

    static void awaitChained() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/audit/verify").then()
                .body("entriesAwaitingChain", equalTo(0)));
    }

    static void onboard(String code, String name, String signedOn) {
        given().contentType(ContentType.JSON).body("{\"code\": \"" + code + "\", \"name\": \"" + name + "\"}")
                .when().post("/api/countries").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"signedOn\": \"" + signedOn + "\"}")
                .when().post("/api/countries/" + code + "/bilateral-document").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"establishedOn\": \"" + signedOn + "\"}")
                .when().post("/api/countries/" + code + "/joint-committee").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"activatedOn\": \"" + signedOn + "\", \"registryCode\": \"" + code
                + "\", \"article6RegistryId\": \"" + new java.util.Locale("", code).getISO3Country() + "01\"}")
                .when().post("/api/countries/" + code + "/activation").then().statusCode(200);
    }
}
