package org.jcm.registry.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.RunningRegistry;
import org.jcm.registry.testsupport.ServiceProcess.Service;

/**
 * What must hold of the whole registry after any fault, checked against its databases (as the server's super user) and
 * its APIs: every service's event log is published to the end and verifies; every read model equals its producer's
 * newest snapshot; what the workload was answered 2xx for is there exactly once and nothing else is; every partner event
 * had exactly one effect; the dead letters are exactly the poison messages; conservation holds in every registry.
 */
final class Invariants {

    static final String COUNTRIES = "jcm.country-onboarding.countries.v1";
    static final String PROJECTS = "jcm.project-registry.projects.v1";

    /**
     * Each aggregate topic a service follows: producer schema, topic, the snapshot's field in the event's data, consumer
     * schema, read model name (the same as the field).
     */
    private static final String[][] FOLLOWED = {{"country_onboarding", COUNTRIES, "country", "project_registry", "country"},
            {"country_onboarding", COUNTRIES, "country", "credit_issuance", "country"},
            {"project_registry", PROJECTS, "project", "credit_issuance", "project"}};

    /** The rows the workload's requests add to, read once after the set-up: the checks compare against them. */
    record Baseline(Map<String, Long> counts, Map<String, Map<String, Long>> holdings) {}

    private final RunningRegistry registry;
    private final Client client;
    private final TopicWatch topics = new TopicWatch();
    private int checks;

    Invariants(RunningRegistry registry, Client client) {
        this.registry = registry;
        this.client = client;
    }

    void close() {
        topics.close();
    }

    int checksPassed() {
        return checks;
    }

    Baseline baseline() {
        return new Baseline(counts(), Map.of("MN", holdings("MN"), "TH", holdings("TH"), "JP", holdings("JP")));
    }

    /**
     * Waits until the registry is quiet (logs published, read models caught up, partner events applied), then checks
     * every invariant; {@code deadLetters} are the poison messages sent so far, each with the services that must hold it.
     */
    void check(Baseline baseline, Workload work, Map<String, List<Service>> deadLetters) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Service s : Service.values()) {
                assertThat(single("SELECT count(*) FROM " + s.schema + ".event_log WHERE published_at IS NULL")).as(s.dir + " backlog").isZero();
            }
            assertThat(readModelsBehind()).as("read models that differ from their producer's newest snapshot").isEmpty();
            assertThat(consumedButNotApplied()).as("events of a topic a service consumes that it has not applied").isEmpty();
            assertThat(applied("country_onboarding", work.partnerEvents.keySet())).as("Mongolia's TPE designations applied")
                    .isEqualTo(work.partnerEvents.size());
            assertThat(applied("credit_issuance", work.article6Events.keySet())).as("Thailand's Article 6 authorizations applied")
                    .isEqualTo(work.article6Events.size());
        });
        pass();
        assertThat(publishedButNotOnTheirTopic()).as("events of a log that are not on their topic").isEmpty();
        pass();
        for (Service s : Service.values()) {
            Api.as(Api.tokens().auditor()).baseUri(registry.url(s)).when().get("/api/audit/verify").then().statusCode(200)
                    .body("valid", org.hamcrest.Matchers.equalTo(true));
        }
        pass();

        // Every 2xx once, nothing for a refusal: the rows each kind of request adds are exactly what was answered.
        Map<String, Long> now = counts();
        Map<String, Long> expected = new TreeMap<>(baseline.counts());
        expected.merge("INTERNAL_TRANSFER", work.answered("transfer") + work.answered("transfer back"), Long::sum);
        expected.merge("RETIREMENT", work.answered("retirement"), Long::sum);
        expected.merge("CANCELLATION", work.answered("cancellation"), Long::sum);
        expected.merge("ISSUANCE", work.answered("issuance decision"), Long::sum);
        expected.merge("issuance", work.answered("issuance request"), Long::sum);
        expected.merge("issued issuance", work.answered("issuance decision"), Long::sum);
        expected.merge("monitoring_report", work.answered("monitoring report"), Long::sum);
        expected.merge("verification", work.answered("verification"), Long::sum);
        expected.merge("project", work.answered("project idea"), Long::sum);
        expected.merge("AUTHORIZATION", (long) work.article6Events.size(), Long::sum);
        // An external transfer between two registries kept here is two steps: PROPOSED, then COMPLETED.
        expected.merge("EXTERNAL_TRANSFER", 2 * work.answered("external transfer"), Long::sum);
        expected.merge("article6_authorization", (long) work.article6Events.size(), Long::sum);
        expected.merge("completed external_transfer", work.answered("external transfer"), Long::sum);
        expected.merge("third_party_entity", work.answered("tpe designation") + work.partnerEvents.size() + work.extraTpes.get(), Long::sum);
        assertThat(now).as("rows per kind of request, against the requests answered 2xx").isEqualTo(expected);
        assertThat(single("SELECT count(*) FROM credit_issuance.ledger_transaction WHERE id = ANY(?)", (Object) work.transactions.stream()
                .map(UUID::fromString).toArray(UUID[]::new))).as("transactions answered 2xx that are in the ledger")
                .isEqualTo(work.transactions.size());
        assertThat(single("SELECT count(*) FROM credit_issuance.external_transfer WHERE state = 'COMPLETED' AND id = ANY(?)",
                (Object) work.externalTransfers
                        .stream().map(UUID::fromString).toArray(UUID[]::new)))
                .as("external transfers answered 2xx that completed")
                .isEqualTo(work.externalTransfers.size());
        pass();

        // The tonnes: what each account type holds is what the answered requests moved, and conservation holds.
        Map<String, Long> thailand = new TreeMap<>(baseline.holdings().get("TH"));
        thailand.merge("GOVERNMENT_HOLDING", -work.toJapan.sum(), Long::sum);
        assertThat(holdings("TH")).as("tonnes per account type in TH").isEqualTo(thailand);
        Map<String, Long> japan = new TreeMap<>(baseline.holdings().get("JP"));
        japan.merge("GOVERNMENT_HOLDING", work.toJapan.sum(), Long::sum);
        assertThat(holdings("JP")).as("tonnes per account type in JP").isEqualTo(japan);
        Map<String, Long> holdings = holdings("MN");
        long issued = work.issued.sum();
        Map<String, Long> expectedHoldings = new TreeMap<>(baseline.holdings().get("MN"));
        expectedHoldings.merge("GOVERNMENT_HOLDING", work.toGovernment.sum() - work.toParticipant.sum(), Long::sum);
        expectedHoldings.merge("ENTITY_HOLDING",
                issued - work.toGovernment.sum() + work.toParticipant.sum() - work.retired.sum() - work.cancelled.sum(), Long::sum);
        expectedHoldings.merge("RETIREMENT", work.retired.sum(), Long::sum);
        expectedHoldings.merge("CANCELLATION", work.cancelled.sum(), Long::sum);
        assertThat(holdings).as("tonnes per account type in MN").isEqualTo(expectedHoldings);
        for (String r : List.of("MN", "TH", "JP")) {
            JsonPath conservation = Api.as(Api.tokens().auditor()).baseUri(registry.url(Service.CREDIT_ISSUANCE)).queryParam("registry", r)
                    .when().get("/api/ledger/conservation").then().statusCode(200).extract().jsonPath();
            assertThat(conservation.getBoolean("holds")).as("conservation in " + r + ": " + conservation.prettify()).isTrue();
            assertThat(conservation.getList("overlaps")).as("serials in two places in " + r).isEmpty();
        }
        assertThat(single("""
                SELECT count(*) FROM credit_issuance.unit_block a JOIN credit_issuance.unit_block b
                  ON a.registry_code = b.registry_code AND a.id < b.id AND a.closed_by IS NULL AND b.closed_by IS NULL
                 AND a.serials && b.serials""")).as("open blocks sharing a serial").isZero();
        pass();

        // Dead letters: exactly the poison messages, each in the services that must refuse it, each with its reason.
        for (Service s : Service.values()) {
            Map<String, String> held = deadLetters(s);
            // A NUL cannot be stored in PostgreSQL's text: the service keeps U+FFFD in its place.
            List<String> expectedHere = deadLetters.entrySet().stream().filter(e -> e.getValue().contains(s))
                    .map(e -> e.getKey().replace('\u0000', '\uFFFD')).toList();
            assertThat(held.keySet()).as(s.dir + " dead letters").containsExactlyInAnyOrderElementsOf(expectedHere);
            assertThat(held.values()).as(s.dir + " dead letters' reasons").allSatisfy(reason -> assertThat(reason).startsWith("JCM-"));
        }
        pass();

        // Requests in flight during the fault: failed cleanly or succeeded.
        assertThat(client.unclean).as("answers during faults that were neither final nor a retryable problem").isEmpty();
        pass();
    }

    /**
     * Every event each consuming service reads (countries: project-registry and credit-issuance; projects:
     * credit-issuance) that it has not applied: an event lost between the producer's log and the consumer, even one a
     * newer snapshot of the same aggregate would hide from the read model.
     */
    List<String> consumedButNotApplied() throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String[] c : FOLLOWED) {
            missing.addAll(strings("""
                    SELECT '%3$s:' || l.topic || ':' || l.position FROM %1$s.event_log l
                    WHERE l.topic = '%2$s' AND NOT EXISTS (SELECT 1 FROM %3$s.processed_event p WHERE p.event_id = l.event_id)
                    ORDER BY l.position LIMIT 20""".formatted(c[0], c[1], c[3])));
        }
        return missing;
    }

    /** Every entry of every service's log (all published by now) whose event is not on its topic: lost on the way to the broker. */
    List<String> publishedButNotOnTheirTopic() {
        List<String> missing = new ArrayList<>();
        for (Service s : Service.values()) {
            try (Connection c = connection();
                    PreparedStatement q = c.prepareStatement("SELECT topic, event_id, position FROM " + s.schema + ".event_log ORDER BY position");
                    ResultSet rs = q.executeQuery()) {
                Map<String, List<String[]>> byTopic = new TreeMap<>();
                while (rs.next()) {
                    byTopic.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new String[]{rs.getString(2), rs.getString(3)});
                }
                Map<String, java.util.Set<String>> onTopics = topics.catchUp(byTopic.keySet());
                byTopic.forEach((topic, entries) -> entries.stream()
                        .filter(e -> !onTopics.getOrDefault(topic, java.util.Set.of()).contains(e[0]))
                        .limit(20).forEach(e -> missing.add(s.dir + " position " + e[1] + " on " + topic)));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return missing;
    }

    /** The ids of aggregates whose read model (in each consuming service) differs from the producer's newest snapshot. */
    List<String> readModelsBehind() throws SQLException {
        List<String> behind = new ArrayList<>();
        for (String[] c : FOLLOWED) {
            behind.addAll(strings("""
                    WITH newest AS (
                      SELECT l.aggregate_id, (CAST(l.message AS jsonb) -> 'data' -> '%3$s') AS snapshot FROM %1$s.event_log l
                      JOIN (SELECT aggregate_id, max(seq) AS seq FROM %1$s.event_log
                            WHERE topic = '%2$s' AND strpos(message, '"%3$s":{') > 0 GROUP BY aggregate_id) m ON m.seq = l.seq)
                    SELECT '%4$s:' || n.aggregate_id FROM newest n
                    LEFT JOIN %4$s.read_model r ON r.model = '%5$s' AND r.id = n.aggregate_id
                    WHERE r.snapshot IS DISTINCT FROM n.snapshot""".formatted(c[0], c[1], c[2], c[3], c[4])));
        }
        return behind;
    }

    /** How many of the events {@code ids} the service of {@code schema} applied. */
    long applied(String schema, java.util.Collection<String> ids) {
        return single("SELECT count(*) FROM " + schema + ".processed_event WHERE event_id = ANY(?)",
                (Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new));
    }

    /** The rows each kind of request adds, by kind. */
    Map<String, Long> counts() {
        try {
            Map<String, Long> counts = new TreeMap<>();
            try (Connection c = connection();
                    PreparedStatement s = c.prepareStatement("SELECT type, count(*) FROM credit_issuance.ledger_transaction GROUP BY type");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            for (String t : List.of("INTERNAL_TRANSFER", "RETIREMENT", "CANCELLATION", "ISSUANCE", "AUTHORIZATION", "EXTERNAL_TRANSFER")) {
                counts.putIfAbsent(t, 0L);
            }
            counts.put("issuance", single("SELECT count(*) FROM credit_issuance.issuance"));
            counts.put("issued issuance", single("SELECT count(*) FROM credit_issuance.issuance WHERE state = 'ISSUED'"));
            counts.put("monitoring_report", single("SELECT count(*) FROM project_registry.monitoring_report"));
            counts.put("verification", single("SELECT count(*) FROM project_registry.verification"));
            counts.put("project", single("SELECT count(*) FROM project_registry.project"));
            counts.put("article6_authorization", single("SELECT count(*) FROM credit_issuance.article6_authorization"));
            counts.put("completed external_transfer", single("SELECT count(*) FROM credit_issuance.external_transfer WHERE state = 'COMPLETED'"));
            counts.put("third_party_entity", single("SELECT count(*) FROM country_onboarding.third_party_entity WHERE country_code = 'MN'"));
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tonnes per account type in a registry, from the public holdings report. */
    Map<String, Long> holdings(String registryCode) {
        JsonPath report = Api.anonymous().baseUri(registry.url(Service.CREDIT_ISSUANCE)).queryParam("registry", registryCode).when()
                .get("/api/reports/holdings").then().statusCode(200).extract().jsonPath();
        Map<String, Long> holdings = new TreeMap<>();
        List<String> types = report.getList("accountType");
        List<Long> quantities = report.getList("quantity", Long.class);
        for (int i = 0; i < types.size(); i++) {
            holdings.merge(types.get(i), quantities.get(i), Long::sum);
        }
        return holdings;
    }

    /** A service's dead letters: original record value to reason code. */
    Map<String, String> deadLetters(Service s) {
        Map<String, String> letters = new HashMap<>();
        try (Connection c = connection();
                PreparedStatement q = c.prepareStatement("SELECT record_value, reason_code FROM " + s.schema + ".dead_letter");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                letters.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return letters;
    }

    long single(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof UUID[] ids) {
                    s.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    Connection connection() throws SQLException {
        return registry.postgres.adminConnection(RunningRegistry.DATABASE);
    }

    private void pass() {
        checks++;
    }
}
