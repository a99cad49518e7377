package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.countryonboarding.eventlog.EventLogTest.awaitChained;
import static org.jcm.registry.countryonboarding.eventlog.EventLogTest.tamper;
import static org.jcm.registry.testsupport.Api.given;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** {@code /api/audit/verify} reads the log in pages of plain rows, each in its own short transaction: memory stays constant. */
@QuarkusTest
@TestProfile(EventLogTuning.class)
class PagedVerificationTest {

    private static final String SCHEMA = "country_onboarding";

    /** Verification reads the log page by page: a log several pages long (pages of 7 here) verifies, and tampering on a late page is found there. */
    @Test
    void aLogOfManyPagesVerifiesAndTamperingOnALatePageIsFoundThere() throws SQLException {
        // Filler on a topic of the service's own: its Kafka user may create and write only jcm.country-onboarding.* (KafkaAccess).
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + SCHEMA + ".event_log (event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message) "
                    + "SELECT gen_random_uuid(), 'jcm.country-onboarding.test-verify-pages.v1', 'Filler', 'F' || g, 'FillerAdded', date_trunc('milliseconds', now()), "
                    + "'{\"n\": ' || g || '}' FROM generate_series(1, 60) g");
        }
        awaitChained();
        int total = given().when().get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true)).extract().path("entriesChecked");
        assertThat(total).isGreaterThan(60);
        long position;
        String original;
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT position, message FROM " + SCHEMA + ".event_log WHERE aggregate_id = 'F50'");
            assertThat(rs.next()).isTrue();
            position = rs.getLong(1);
            original = rs.getString(2);
            assertThat(position).isGreaterThan(7 * 5);
            tamper(s, position, original.replace("50}", "51}"));
        }
        try {
            given().when().get("/api/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false), "firstBrokenPosition", equalTo((int) position), "entriesChecked", equalTo((int) position - 1));
        } finally {
            try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
                tamper(s, position, original);
            }
        }
    }

}
