package org.jcm.registry.creditissuance.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * A country activated while the registry's PostgreSQL is down, for far longer than the consumer's retry budget for
 * failures no rule explains: the consumer waits for the database instead of dead-lettering the event, and once the
 * database is back the registry is opened, once, with nothing dead-lettered.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ShortRetries.class)
class DatabaseOutageTest {

    private static final String SCHEMA = "credit_issuance";

    /** A retry budget of a few hundred milliseconds: an outage of seconds is many times longer. */
    public static class ShortRetries implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jcm.inbox.retries", "1", "jcm.inbox.retry-backoff", "100ms", "jcm.inbox.max-backoff", "1s");
        }
    }

    @Inject
    CloudEventCodec codec;

    @Test
    void anEventConsumedWhileTheDatabaseIsDownIsAppliedOnceItIsBack() throws Exception {
        CountrySnapshot solomon = new CountrySnapshot("SB", "SLB", "Solomon Islands", CountryState.ACTIVE, 4, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 2, 1), LocalDate.of(2016, 3, 1), new RegistryIdentity("SB", "SLB01", Hosting.HOSTED), null, List.of(), null);
        UUID id = UUID.randomUUID();
        String event = codec.encode(id, "/jcm/country-onboarding", "PartnerCountryActivated", "SB", Instant.now().truncatedTo(ChronoUnit.MICROS),
                new CountryEvent.PartnerCountryActivated(solomon, "operator", solomon.activatedOn()));

        TestInfra.withPostgresDown(Duration.ofSeconds(10), () -> TestInfra.publishEvent(Topics.COUNTRIES, null, "SB", event));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().when().get("/api/registries/SB").then().statusCode(200)
                .body("state", equalTo("ACTIVE")));
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".processed_event WHERE event_id = '" + id + "'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".dead_letter WHERE event_id = '" + id + "'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".account WHERE registry_code = 'SB'")).isEqualTo(3);
        }
        assertThat(TestInfra.readAll("jcm.credit-issuance.dead-letter.v1", Duration.ofMillis(500)))
                .noneSatisfy(r -> assertThat(r.value()).contains(id.toString()));
    }

    private static long count(Statement s, String sql) throws Exception {
        var rs = s.executeQuery(sql);
        rs.next();
        return rs.getLong(1);
    }
}
