package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.audit.CheckpointFetch;
import org.jcm.registry.audit.ConsistencyProof;
import org.jcm.registry.audit.InclusionProof;
import org.jcm.registry.audit.Keys;
import org.jcm.registry.audit.LogEntry;
import org.jcm.registry.audit.LogVerifier;
import org.jcm.registry.audit.SignedCheckpoint;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * The log as an auditor trusts it: signed checkpoints of its Merkle tree, proofs checked offline with the auditors' own
 * library (not the service's verify endpoint), checkpoints published where partners keep them, and a history rewritten
 * with every hash recomputed (what only the schema's owner or a superuser could do) caught by a checkpoint held before it.
 */
@QuarkusTest
class AuditTrustTest {

    private static final String SCHEMA = "country_onboarding";

    @Test
    void anAuditorChecksTheLogOfflineAgainstSignedCheckpointsAndTheirProofs() {
        TestInfra.asPartner("TO");
        EventLogTest.onboard("TO", "Tonga", "2017-04-11");
        EventLogTest.awaitChained();
        PublicKey key = Keys.readPublic(Api.anonymous().when().get("/api/audit/public-key").then().statusCode(200).extract().asString());
        SignedCheckpoint first = sign();
        assertThat(first.verify(key)).isTrue();

        EventLogTest.onboard("SB", "Solomon Islands", "2022-08-01");
        EventLogTest.awaitChained();
        SignedCheckpoint second = sign();
        assertThat(second.verify(key)).isTrue();
        assertThat(second.checkpoint().treeSize()).isGreaterThanOrEqualTo(first.checkpoint().treeSize() + 4);
        assertThat(sign()).as("nothing appended since: the same checkpoint").isEqualTo(second);

        // The whole log, exported and checked offline against both checkpoints.
        List<LogEntry> export = export();
        LogVerifier.Report report = LogVerifier.verify(export.iterator(), List.of(first, second), key);
        assertThat(report.failures()).isEmpty();
        assertThat(report.ok()).isTrue();

        // One event proved in the first checkpoint, by its event id, and the first checkpoint's log a prefix of the second's.
        LogEntry activation = export.stream().filter(e -> e.aggregateId().equals("TO") && e.eventType().equals("PartnerCountryActivated"))
                .findFirst().orElseThrow();
        InclusionProof inclusion = InclusionProof.fromJson(given().queryParam("eventId", activation.eventId())
                .queryParam("treeSize", first.checkpoint().treeSize()).when().get("/api/audit/proofs/inclusion").then().statusCode(200).extract()
                .asString());
        assertThat(inclusion.entry()).isEqualTo(activation);
        assertThat(inclusion.verify(key)).isTrue();
        InclusionProof byPosition = InclusionProof.fromJson(given().queryParam("position", activation.position()).when()
                .get("/api/audit/proofs/inclusion").then().statusCode(200).extract().asString());
        assertThat(byPosition.treeSize()).isEqualTo(second.checkpoint().treeSize());
        assertThat(byPosition.verify(key)).isTrue();
        ConsistencyProof consistency = ConsistencyProof.fromJson(given().queryParam("first", first.checkpoint().treeSize())
                .queryParam("second", second.checkpoint().treeSize()).when().get("/api/audit/proofs/consistency").then().statusCode(200).extract()
                .asString());
        assertThat(consistency.verify(key)).isTrue();

        // Published for others to keep: on the service's checkpoint topic and on Tonga's outbound topic, as its system reads it.
        String size = Long.toString(second.checkpoint().treeSize());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(checkpointSizes(TestInfra.readAll(Topics.checkpoints("country-onboarding"), Duration.ofMillis(500)))).contains(size);
            assertThat(checkpointSizes(TestInfra.asPartner("TO").readAll(Topics.partnerOutbound("TO"), Duration.ofMillis(500)))).contains(size);
        });

        // What Tonga's system keeps, collected from its outbound topic with its own Kafka credentials by the auditors' tool,
        // vouches for the log exported above.
        CheckpointFetch.Result kept = CheckpointFetch.fetch(TestInfra.asPartner("TO").properties(), Topics.partnerOutbound("TO"),
                "jcm-registry/country-onboarding", Duration.ofSeconds(30));
        assertThat(kept.forks()).isEmpty();
        assertThat(kept.checkpoints()).contains(second);
        assertThat(LogVerifier.verify(export().iterator(), kept.checkpoints(), key).ok()).isTrue();

        // What the service cannot prove, it says so.
        given().queryParam("position", export.size() + 1000).when().get("/api/audit/proofs/inclusion").then().statusCode(404)
                .body("code", equalTo("JCM-AUD-001"));
        given().when().get("/api/audit/checkpoints/" + (second.checkpoint().treeSize() + 1000)).then().statusCode(404)
                .body("code", equalTo("JCM-AUD-002"));
        given().queryParam("first", second.checkpoint().treeSize()).queryParam("second", first.checkpoint().treeSize()).when()
                .get("/api/audit/proofs/consistency").then().statusCode(422).body("code", equalTo("JCM-AUD-004"));
    }

    @Test
    void aHistoryRewrittenWithEveryHashRecomputedContradictsTheCheckpointHeldBeforeIt() throws SQLException {
        EventLogTest.onboard("GY", "Guyana", "2021-06-01");
        EventLogTest.awaitChained();
        PublicKey key = Keys.readPublic(Api.anonymous().when().get("/api/audit/public-key").then().statusCode(200).extract().asString());
        SignedCheckpoint held = sign();
        long position = export().stream().filter(e -> e.aggregateId().equals("GY") && e.eventType().equals("BilateralDocumentSigned"))
                .findFirst().orElseThrow().position();
        String original = rewriteFrom(position, m -> m.replace("2021-06-01", "2020-06-01"));
        try {
            // The chain and the tree are consistent again: the naive check is fooled, and the service signs the new history.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> given().when().get("/api/audit/verify").then().body("valid", equalTo(true), "entriesAwaitingChain", equalTo(0)));
            EventLogTest.onboard("LC", "Saint Lucia", "2023-01-01");
            EventLogTest.awaitChained();
            SignedCheckpoint after = sign();
            assertThat(after.verify(key)).isTrue();

            LogVerifier.Report report = LogVerifier.verify(export().iterator(), List.of(held, after), key);
            assertThat(report.ok()).isFalse();
            assertThat(String.join("\n", report.failures())).contains("checkpoint " + held.checkpoint().treeSize());
            ConsistencyProof consistency = ConsistencyProof.fromJson(given().queryParam("first", held.checkpoint().treeSize())
                    .queryParam("second", after.checkpoint().treeSize()).when().get("/api/audit/proofs/consistency").then().statusCode(200).extract()
                    .asString());
            assertThat(consistency.verify(key)).as("no consistency proof joins the held checkpoint to the rewritten log").isFalse();
        } finally {
            // Put the entry back (every hash after it recomputed again) and drop what was signed over the forged history.
            rewriteFrom(position, m -> original);
            dropCheckpointsAfter(held.checkpoint().treeSize());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/audit/verify").then().body("valid", equalTo(true)));
    }

    private static SignedCheckpoint sign() {
        return SignedCheckpoint.fromJson(given().when().post("/api/audit/checkpoints").then().statusCode(200).extract().asString());
    }

    private static List<LogEntry> export() {
        String lines = given().when().get("/api/audit/export").then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        return Arrays.stream(lines.split("\n")).filter(l -> !l.isBlank()).map(LogEntry::fromJson).toList();
    }

    private static List<String> checkpointSizes(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> JsonPath.from(r.value())).filter(e -> "LogCheckpointSigned".equals(e.getString("type")))
                .map(e -> e.getString("data.treeSize")).toList();
    }

    /**
     * What an intruder holding the schema owner's rights would do: switch the guards off, change the entries from
     * {@code position} on and recompute every hash after them, then drop the Merkle tree so that the relay rebuilds it over
     * the new history. Returns the message it overwrote.
     */
    private static String rewriteFrom(long position, java.util.function.UnaryOperator<String> change) throws SQLException {
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET search_path = " + SCHEMA);
            List<LogEntry> stored = export().stream().filter(e -> e.position() >= position).toList();
            String prev = stored.get(0).prevHash();
            List<String[]> rewritten = new ArrayList<>();
            for (LogEntry e : stored) {
                String message = e.position() == position ? change.apply(e.message()) : e.message();
                LogEntry forged = LogEntry.chained(prev, e.position(), e.eventId(), e.topic(), e.aggregateType(), e.aggregateId(), e.eventType(),
                        e.occurredAt(), message);
                rewritten.add(new String[]{Long.toString(e.position()), message, prev, forged.hash()});
                prev = forged.hash();
            }
            write(c, rewritten);
            c.commit();
            return stored.get(0).message();
        }
    }

    private static void dropCheckpointsAfter(long heldSize) throws SQLException {
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET search_path = " + SCHEMA);
            s.execute("ALTER TABLE event_log_checkpoint DISABLE TRIGGER event_log_checkpoint_guard");
            s.execute("DELETE FROM event_log_checkpoint WHERE tree_size > " + heldSize);
            s.execute("ALTER TABLE event_log_checkpoint ENABLE TRIGGER event_log_checkpoint_guard");
            c.commit();
        }
    }

    private static void write(Connection c, List<String[]> entries) throws SQLException {
        try (Statement s = c.createStatement();
                PreparedStatement update = c.prepareStatement("UPDATE event_log SET message = ?, prev_hash = ?, hash = ? WHERE position = ?")) {
            s.execute("ALTER TABLE event_log DISABLE TRIGGER event_log_guard_row");
            for (String[] e : entries) {
                update.setString(1, e[1]);
                update.setString(2, e[2]);
                update.setString(3, e[3]);
                update.setLong(4, Long.parseLong(e[0]));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            s.execute("ALTER TABLE event_log ENABLE TRIGGER event_log_guard_row");
            s.execute("ALTER TABLE event_log_merkle_node DISABLE TRIGGER event_log_merkle_node_guard");
            s.execute("DELETE FROM event_log_merkle_node");
            s.execute("ALTER TABLE event_log_merkle_node ENABLE TRIGGER event_log_merkle_node_guard");
        }
    }
}
