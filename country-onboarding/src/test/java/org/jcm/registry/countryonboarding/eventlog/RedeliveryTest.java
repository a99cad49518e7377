package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.jcm.registry.testsupport.Api.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.countryonboarding.contract.Contract;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/audit/redeliveries} against the real broker and database: the published entries of a range go out
 * again as the very records the relay sent (same topic, key, CloudEvent and event id), nothing outside the range or the
 * topic does, and the log is left exactly as it was. Requests cover at most 5 positions here ({@link EventLogTuning}), so
 * the answers page.
 */
@QuarkusTest
@TestProfile(EventLogTuning.class)
class RedeliveryTest {

    private static final String SCHEMA = "country_onboarding";
    private static final String PARTNER_SYSTEM = "urn:jcm:partner:mv-registry";
    private static final String MV_OUTBOUND = Topics.partnerOutbound("MV");
    private static final int PER_REQUEST = 5;
    /** Far past what the producer may send (jcm.event-log.max-event-bytes and Kafka's record overhead). */
    private static final int POISON_BYTES = 3_000_000;

    /** One entry of the log, as the database keeps it. */
    record Entry(long position, UUID eventId, String topic, String key, String message, String hash, Instant publishedAt) {}

    private static boolean fixtureMade;

    /**
     * Maldives onboarded; a poison entry (too large for any producer, written behind the service's back) that an operator
     * marked published so that it no longer holds up the relay; a partner event whose answer goes to the Maldives'
     * outbound topic (an entry of another topic than the countries'); then Nepal onboarded after it; all of it published.
     */
    private static synchronized void fixture() throws SQLException {
        if (fixtureMade) {
            return;
        }
        Onboarding.onboard("MV", "Maldives", "2021-09-01", PARTNER_SYSTEM);
        UUID poison = UUID.randomUUID();
        try (Connection c = TestInfra.adminConnection(SCHEMA);
                PreparedStatement s = c.prepareStatement("INSERT INTO " + SCHEMA
                        + ".event_log (event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message) "
                        + "VALUES (?, ?, 'PartnerCountry', 'MV', 'PartnerCountryProposed', date_trunc('milliseconds', now()), ?)")) {
            s.setObject(1, poison);
            s.setString(2, Topics.COUNTRIES);
            s.setString(3, "{\"padding\": \"" + "p".repeat(POISON_BYTES) + "\"}");
            s.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> log().stream().anyMatch(e -> e.eventId().equals(poison)));
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + SCHEMA + ".event_log SET published_at = now() WHERE event_id = '" + poison + "'");
        }
        ObjectNode event = (ObjectNode) Contract.exampleJson("TpeDesignationNotified");
        event.put("id", UUID.randomUUID().toString()).put("source", PARTNER_SYSTEM).put("subject", "MV");
        ((ObjectNode) event.get("data")).put("country", "MV").put("tpeId", "TPE-MV-1").put("designatedOn", "2021-10-01");
        TestInfra.publish(Topics.partnerInbound("MV"), "MV", event.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> log().stream().anyMatch(e -> e.topic().equals(MV_OUTBOUND)));
        Onboarding.onboard("NP", "Nepal", "2021-11-01", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Entry> log = log();
            long first = log.stream().filter(e -> e.key().equals("MV")).mapToLong(Entry::position).min().orElse(Long.MAX_VALUE);
            return log.stream().filter(e -> e.key().equals("NP")).count() == 4
                    && log.stream().filter(e -> e.position() >= first).allMatch(e -> e.publishedAt() != null);
        });
        fixtureMade = true;
    }

    @Test
    void aRangeGoesOutAgainAsTheSameRecordsAndNothingOutsideItNorAnythingInTheLogChanges() throws SQLException {
        fixture();
        List<Entry> before = log();
        String verifiedBefore = verification();
        Entry answer = before.stream().filter(e -> e.topic().equals(MV_OUTBOUND)).findFirst().orElseThrow();
        long to = answer.position();
        List<Entry> nepal = before.stream().filter(e -> e.key().equals("NP")).toList();
        assertThat(nepal).hasSize(4).allMatch(e -> e.position() > to);
        List<Entry> inRange = before.stream().filter(e -> e.position() <= to).toList();
        Map<UUID, Long> copiesBefore = copies(Topics.COUNTRIES, MV_OUTBOUND);

        List<JsonPath> answers = redeliverAll(1, ", \"toPosition\": " + to);

        assertThat(answers).hasSize((int) ((to + PER_REQUEST - 1) / PER_REQUEST));
        answers.forEach(a -> assertThat(a.getLong("toPosition")).isEqualTo(to));
        assertThat(answers.stream().mapToLong(a -> a.getLong("redelivered")).sum())
                .isEqualTo(inRange.stream().filter(e -> e.publishedAt() != null && !oversized(e)).count());
        assertThat(answers.stream().mapToLong(a -> a.getLong("oversized")).sum())
                .isEqualTo(inRange.stream().filter(e -> e.publishedAt() != null && oversized(e)).count()).isPositive();
        assertThat(answers.get(answers.size() - 1).getLong("next")).isEqualTo(to + 1);

        Map<UUID, Long> copiesAfter = copies(Topics.COUNTRIES, MV_OUTBOUND);
        for (Entry e : before) {
            if (!e.topic().equals(Topics.COUNTRIES) && !e.topic().equals(MV_OUTBOUND)) {
                continue;
            }
            long again = e.position() <= to && e.publishedAt() != null && !oversized(e) ? 1 : 0;
            assertThat(copiesAfter.getOrDefault(e.eventId(), 0L)).as("copies of %s at position %d", e.eventId(), e.position())
                    .isEqualTo(copiesBefore.getOrDefault(e.eventId(), 0L) + again);
        }
        Map<UUID, Entry> byId = before.stream().collect(Collectors.toMap(Entry::eventId, e -> e));
        for (ConsumerRecord<String, String> r : read(Topics.COUNTRIES, MV_OUTBOUND)) {
            Entry e = byId.get(eventIdOf(r));
            if (e != null && e.position() <= to) {
                assertThat(r.topic()).isEqualTo(e.topic());
                assertThat(r.key()).isEqualTo(e.key());
                assertThat(r.value()).isEqualTo(e.message());
                assertThat(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                        .isEqualTo("application/cloudevents+json");
            }
        }

        assertUnchanged(before, log());
        assertThat(verification()).isEqualTo(verifiedBefore);
    }

    @Test
    void aTopicFilterRedeliversThatTopicOnlyUpToTheLastPublishedPosition() throws SQLException {
        fixture();
        List<Entry> before = log();
        long first = before.stream().filter(e -> e.key().equals("MV")).mapToLong(Entry::position).min().orElseThrow();
        long lastPublished = before.stream().filter(e -> e.publishedAt() != null).mapToLong(Entry::position).max().orElseThrow();
        Map<UUID, Long> copiesBefore = copies(Topics.COUNTRIES, MV_OUTBOUND);

        List<JsonPath> answers = redeliverAll(first, ", \"topic\": \"" + MV_OUTBOUND + "\"");

        answers.forEach(a -> assertThat(a.getLong("toPosition")).isEqualTo(lastPublished));
        answers.forEach(a -> assertThat(a.getString("topic")).isEqualTo(MV_OUTBOUND));
        assertThat(answers.stream().mapToLong(a -> a.getLong("redelivered")).sum())
                .isEqualTo(before.stream().filter(e -> e.position() >= first && e.topic().equals(MV_OUTBOUND)).count()).isEqualTo(1);
        Map<UUID, Long> copiesAfter = copies(Topics.COUNTRIES, MV_OUTBOUND);
        for (Entry e : before) {
            if (e.topic().equals(Topics.COUNTRIES) || e.topic().equals(MV_OUTBOUND)) {
                long again = e.position() >= first && e.topic().equals(MV_OUTBOUND) ? 1 : 0;
                assertThat(copiesAfter.getOrDefault(e.eventId(), 0L)).as("copies of %s at position %d", e.eventId(), e.position())
                        .isEqualTo(copiesBefore.getOrDefault(e.eventId(), 0L) + again);
            }
        }
        assertUnchanged(before, log());
    }

    @Test
    void nothingPublishedFromThePositionOnIsNothingToDo() throws SQLException {
        fixture();
        long lastPublished = log().stream().filter(e -> e.publishedAt() != null).mapToLong(Entry::position).max().orElseThrow();
        post("{\"fromPosition\": " + (lastPublished + 1) + "}").statusCode(200)
                .body("toPosition", equalTo((int) lastPublished), "redelivered", equalTo(0), "next", equalTo((int) lastPublished + 1),
                        "complete", equalTo(true));
        post("{\"fromPosition\": 9223372036854775807}").statusCode(200).body("redelivered", equalTo(0), "complete", equalTo(true));
    }

    @Test
    void everyBadRequestIsAProblemThatSaysWhatIsWrong() throws SQLException {
        fixture();
        refused("{}", 400, "JCM-REQ-001").body("errors.field", hasItem("fromPosition"));
        refused("{\"fromPosition\": null}", 400, "JCM-REQ-001");
        refused("{\"fromPosition\": 0}", 400, "JCM-REQ-001").body("errors.field", hasItem("fromPosition"));
        refused("{\"fromPosition\": -1}", 400, "JCM-REQ-001");
        refused("{\"fromPosition\": 1, \"toPosition\": 0}", 400, "JCM-REQ-001").body("errors.field", hasItem("toPosition"));
        refused("{\"fromPosition\": 9223372036854775808}", 400, "JCM-REQ-002").body("detail", containsString("out of range"));
        refused("{\"fromPosition\": 1, \"toPosition\": 99999999999999999999999}", 400, "JCM-REQ-002");
        refused("{\"fromPosition\": 1.5}", 400, "JCM-REQ-002").body("detail", containsString("fromPosition"));
        refused("{\"fromPosition\": \"1\"}", 400, "JCM-REQ-002").body("detail", containsString("fromPosition"));
        refused("{\"fromPosition\": 5, \"toPosition\": 4}", 400, "JCM-REQ-001")
                .body("detail", containsString("toPosition 4 lies before fromPosition 5"));
        refused("{\"fromPosition\": 1, \"topic\": \"jcm.partner.zz.outbound.v1\"}", 400, "JCM-REQ-001")
                .body("detail", containsString("holds no published entry on topic 'jcm.partner.zz.outbound.v1'"))
                .body("detail", containsString(Topics.COUNTRIES));
        refused("{\"fromPosition\": 5, \"toPosition\": 4, \"topic\": \"jcm.partner.zz.outbound.v1\"}", 400, "JCM-REQ-001")
                .body("violations.size()", equalTo(2));
        refused("{\"fromPosition\": 1, \"topic\": \"a\\u0000b\"}", 400, "JCM-REQ-002").body("detail", containsString("topic"));
        refused("{\"fromPosition\": 1, \"topic\": \"two words\"}", 400, "JCM-REQ-001").body("errors.field", hasItem("topic"));
        refused("{\"fromPosition\": 1, \"topic\": \"\"}", 400, "JCM-REQ-001").body("errors.field", hasItem("topic"));
        refused("not json", 400, "JCM-REQ-002");
        refused("", 400, "JCM-REQ-001");
        given().contentType(ContentType.TEXT).body("{\"fromPosition\": 1}").when().post("/api/audit/redeliveries").then().statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("JCM-REQ-005"));
    }

    @Test
    void onlyAnOperatorBoundToNoCountryRedelivers() {
        String body = "{\"fromPosition\": 1, \"toPosition\": 1}";
        Api.anonymous().contentType(ContentType.JSON).body(body).when().post("/api/audit/redeliveries").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("JCM-SEC-001"));
        Api.as(Api.tokens().auditor()).contentType(ContentType.JSON).body(body).when().post("/api/audit/redeliveries").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("JCM-SEC-002"));
        Api.as(Api.tokens().operatorOf("MV")).contentType(ContentType.JSON).body(body).when().post("/api/audit/redeliveries").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("JCM-SEC-003"));
    }

    /**
     * The broker refuses the answer's topic to the service (a DENY ACL): the request answers 503 with the position to go on
     * from, the log is unchanged, and once the broker takes the topic again the same request from there completes.
     */
    @Test
    void aBrokerThatDoesNotAcknowledgeIsA503ThatSaysWhereToGoOn() throws Exception {
        fixture();
        List<Entry> before = log();
        long position = before.stream().filter(e -> e.topic().equals(MV_OUTBOUND)).findFirst().orElseThrow().position();
        Entry previous = before.stream().filter(e -> e.position() == position - 1).findFirst().orElseThrow();
        int wentOut = previous.publishedAt() != null && !oversized(previous) ? 1 : 0;
        AclBinding deny = new AclBinding(new ResourcePattern(ResourceType.TOPIC, MV_OUTBOUND, PatternType.LITERAL),
                new AccessControlEntry("User:country-onboarding", "*", AclOperation.WRITE, AclPermissionType.DENY));
        try (Admin admin = TestInfra.kafka().admin()) {
            admin.createAcls(List.of(deny)).all().get(30, TimeUnit.SECONDS);
            try {
                String body = "{\"fromPosition\": " + (position - 1) + ", \"toPosition\": " + position + "}";
                ValidatableResponse refused = await().atMost(Duration.ofSeconds(60))
                        .until(() -> post(body), r -> r.extract().statusCode() == 503);
                refused.contentType("application/problem+json").header("Retry-After", "5")
                        .body("code", equalTo("JCM-SYS-002"), "detail", containsString("did not acknowledge the entry at position " + position),
                                "detail", containsString("entries from position " + (position - 1) + " up to " + (position - 1) + " went out again ("
                                        + wentOut + ")"),
                                "detail", containsString("again with fromPosition " + position));
            } finally {
                admin.deleteAcls(List.of(deny.toFilter())).all().get(30, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> post("{\"fromPosition\": " + position + ", \"toPosition\": " + position + "}")
                .statusCode(200).body("redelivered", equalTo(1), "complete", equalTo(true)));
        assertUnchanged(before, log());
    }

    /** Requests the range page by page, following {@code next}, until complete; checks each answer's bounds. */
    private static List<JsonPath> redeliverAll(long from, String rest) {
        List<JsonPath> answers = new ArrayList<>();
        long next = from;
        while (true) {
            JsonPath a = post("{\"fromPosition\": " + next + rest + "}").statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
            assertThat(a.getLong("fromPosition")).isEqualTo(next);
            assertThat(a.getLong("redelivered")).isBetween(0L, (long) PER_REQUEST);
            assertThat(a.getLong("next")).isEqualTo(Math.min(next + PER_REQUEST, a.getLong("toPosition") + 1));
            assertThat(a.getBoolean("complete")).isEqualTo(a.getLong("next") > a.getLong("toPosition"));
            answers.add(a);
            if (a.getBoolean("complete")) {
                return answers;
            }
            next = a.getLong("next");
        }
    }

    /** A poison entry: the producer can never send it, so it never was on a topic. */
    private static boolean oversized(Entry e) {
        return e.message().length() >= POISON_BYTES;
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/audit/redeliveries").then();
    }

    private static ValidatableResponse refused(String body, int status, String code) {
        return post(body).statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    /** Nothing the redelivery did shows in the log: every entry keeps its content, hash and publication stamp. */
    private static void assertUnchanged(List<Entry> before, List<Entry> after) {
        Map<Long, Entry> now = after.stream().collect(Collectors.toMap(Entry::position, e -> e));
        for (Entry e : before) {
            Entry later = now.get(e.position());
            assertThat(later).as("entry %d", e.position()).isNotNull();
            if (e.publishedAt() == null) {
                // the relay's to publish, not the redelivery's: only its content must hold
                assertThat(later.hash()).isEqualTo(e.hash());
                assertThat(later.message()).isEqualTo(e.message());
            } else {
                assertThat(later).as("entry %d", e.position()).isEqualTo(e);
            }
        }
    }

    private static String verification() {
        return given().when().get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true)).extract().asString();
    }

    /** The chained entries of the log, in chain order, read as the service's own database role. */
    private static List<Entry> log() throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = TestInfra.serviceConnection(SCHEMA);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT position, event_id, topic, aggregate_id, message, hash, published_at FROM event_log "
                        + "WHERE position IS NOT NULL ORDER BY position")) {
            while (rs.next()) {
                java.sql.Timestamp published = rs.getTimestamp(7);
                entries.add(new Entry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        published == null ? null : published.toInstant()));
            }
        }
        return entries;
    }

    private static List<ConsumerRecord<String, String>> read(String... topics) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (String topic : topics) {
            records.addAll(TestInfra.readAll(topic, Duration.ofMillis(500)));
        }
        return records;
    }

    /** How often each event id is on the topics. */
    private static Map<UUID, Long> copies(String... topics) {
        return read(topics).stream().map(RedeliveryTest::eventIdOf).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(id -> id, HashMap::new, Collectors.counting()));
    }

    private static UUID eventIdOf(ConsumerRecord<String, String> r) {
        try {
            return UUID.fromString(JsonPath.from(r.value()).getString("id"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
