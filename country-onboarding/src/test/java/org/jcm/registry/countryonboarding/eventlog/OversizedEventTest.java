package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.platform.eventlog.EventLog;
import org.jcm.registry.platform.problem.Failures;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * One caller must not be able to stop the service's events. At each depth: the API bounds what a caller sends; the event
 * log refuses, inside the business transaction, an event larger than the relay may publish; and an entry the broker
 * refuses anyway (written behind the service's back) neither stalls nor re-sends the others, shows in the backlog
 * metrics, and makes the service report itself not ready.
 */
@QuarkusTest
@TestProfile(EventLogTuning.class)
class OversizedEventTest {

    private static final String SCHEMA = "country_onboarding";

    @Inject
    EventLog log;

    @Test
    void theApiBoundsWhatACallerSends() {
        Onboarding.post("/api/countries", "{\"code\": \"NR\", \"name\": \"" + "N".repeat(2_000_000) + "\"}")
                .statusCode(413).contentType(containsString("application/problem+json")).body("code", equalTo("JCM-REQ-010"));
        Onboarding.post("/api/countries", "{\"code\": \"NR\", \"name\": \"" + "N".repeat(50_000) + "\"}")
                .statusCode(400).body("code", equalTo("JCM-REQ-001"), "errors.field", org.hamcrest.Matchers.hasItem("name"));
    }

    @Test
    void anEventLargerThanTheRelayMayPublishRefusesItsWholeTransaction() {
        long before = logSize();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> log.append(Topics.COUNTRIES, "PartnerCountry", "NR",
                "PartnerCountryProposed", Map.of("padding", "p".repeat(1_100_000)))))
                .satisfies(e -> assertThat(Failures.ruleIn(e)).get().satisfies(v -> {
                    assertThat(v.rule().code()).isEqualTo("JCM-REQ-012");
                    assertThat(v.detail()).contains("1000000");
                }));
        assertThat(logSize()).isEqualTo(before);
    }

    @Test
    void anEntryTheBrokerRefusesStallsNothingAndShowsInBacklogAndReadiness() throws Exception {
        UUID poison = UUID.randomUUID();
        try (Connection c = TestInfra.adminConnection(SCHEMA);
                PreparedStatement s = c.prepareStatement("INSERT INTO " + SCHEMA
                        + ".event_log (event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message) "
                        + "VALUES (?, ?, 'PartnerCountry', 'XX', 'PartnerCountryProposed', date_trunc('milliseconds', now()), ?)")) {
            s.setObject(1, poison);
            s.setString(2, Topics.COUNTRIES);
            s.setString(3, "{\"padding\": \"" + "p".repeat(3_000_000) + "\"}");
            s.executeUpdate();
        }
        try {
            Onboarding.propose("TV", "Tuvalu");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(countriesTopic().stream().map(ConsumerRecord::key))
                    .contains("TV"));
            assertThat(published(poison)).isFalse();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/metrics").then()
                    .body(containsString("jcm_event_log_unpublished 1.0")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'event-log-relay' }.status", equalTo("DOWN")));

            // Acknowledged entries are stamped once: nothing but the poison is sent again round after round.
            List<ConsumerRecord<String, String>> tuvalu = countriesTopic().stream().filter(r -> "TV".equals(r.key())).toList();
            assertThat(tuvalu).hasSize(1);
        } finally {
            // The operators' way out of a poison entry: mark it handled (a stamp, which the log's guard allows once).
            try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
                s.executeUpdate(
                        "UPDATE " + SCHEMA + ".event_log SET published_at = now() WHERE event_id = '" + poison + "' AND position IS NOT NULL");
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
    }

    private static List<ConsumerRecord<String, String>> countriesTopic() {
        return TestInfra.readAll(Topics.COUNTRIES, Duration.ofMillis(500)).stream()
                .filter(r -> JsonPath.from(r.value()).getString("type") != null).toList();
    }

    private static boolean published(UUID eventId) throws Exception {
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT published_at IS NOT NULL FROM " + SCHEMA + ".event_log WHERE event_id = '" + eventId + "'");
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long logSize() {
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".event_log");
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
