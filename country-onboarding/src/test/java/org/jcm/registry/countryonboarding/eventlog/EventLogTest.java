package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.jcm.registry.testsupport.Api.given;
import static org.jcm.registry.testsupport.Privileges.refusedToTheServiceRole;

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
    void theServiceRoleCanNeitherRewriteItsLogNorSwitchOffItsGuards() throws SQLException {
        onboard("UZ", "Uzbekistan", "2022-10-25");
        awaitChained();
        String entry = " WHERE aggregate_id = 'UZ'";
        // Rows: no DELETE, no TRUNCATE, no content column updatable; the chain columns only once.
        assertThat(refusedToTheServiceRole(SCHEMA, "DELETE FROM event_log" + entry)).contains("permission denied");
        assertThat(refusedToTheServiceRole(SCHEMA, "TRUNCATE event_log")).contains("permission denied");
        assertThat(refusedToTheServiceRole(SCHEMA, "UPDATE event_log SET message = '{}'" + entry)).contains("permission denied");
        assertThat(refusedToTheServiceRole(SCHEMA, "UPDATE event_log SET hash = 'x'" + entry)).contains("already chained");
        assertThat(refusedToTheServiceRole(SCHEMA, "UPDATE event_log SET published_at = now()" + entry)).contains("already published");
        // An entry inserted already chained (at the head, with a fitting hash) or already published.
        String content = "INSERT INTO event_log (event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message";
        String values = " VALUES (gen_random_uuid(), 't', 'x', 'UZ', 'Forged', now(), '{}'";
        assertThat(refusedToTheServiceRole(SCHEMA, content + ", position, prev_hash, hash, chained_at)" + values
                + ", (SELECT max(position) + 1 FROM event_log), (SELECT hash FROM event_log ORDER BY position DESC LIMIT 1), 'f', now())"))
                .contains("permission denied");
        assertThat(refusedToTheServiceRole(SCHEMA, content + ", published_at)" + values + ", now())")).contains("permission denied");
        // The guards themselves: not the role's to disable, drop or replace, and no room to create others beside them.
        assertThat(refusedToTheServiceRole(SCHEMA, "ALTER TABLE event_log DISABLE TRIGGER ALL")).contains("must be owner");
        assertThat(refusedToTheServiceRole(SCHEMA, "ALTER TABLE event_log DISABLE TRIGGER event_log_guard_row")).contains("must be owner");
        assertThat(refusedToTheServiceRole(SCHEMA, "DROP TRIGGER event_log_guard_row ON event_log")).contains("must be owner");
        assertThat(refusedToTheServiceRole(SCHEMA, "DROP TRIGGER event_log_insert_guard ON event_log")).contains("must be owner");
        assertThat(refusedToTheServiceRole(SCHEMA, "DROP FUNCTION event_log_guard() CASCADE")).contains("must be owner");
        assertThat(refusedToTheServiceRole(SCHEMA,
                "CREATE OR REPLACE FUNCTION event_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"))
                .contains("permission denied for schema");
        assertThat(refusedToTheServiceRole(SCHEMA, "CREATE TABLE event_log_copy (LIKE event_log)")).contains("permission denied for schema");
        assertThat(refusedToTheServiceRole(SCHEMA, "ALTER TABLE event_log RENAME TO event_log_old")).contains("must be owner");
        assertThat(refusedToTheServiceRole(SCHEMA, "SET session_replication_role = replica")).contains("permission denied");
        // Nor the migrations' history, which would let a rewritten migration pass for the one applied.
        assertThat(refusedToTheServiceRole(SCHEMA, "UPDATE flyway_schema_history SET checksum = 0")).contains("permission denied");
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
