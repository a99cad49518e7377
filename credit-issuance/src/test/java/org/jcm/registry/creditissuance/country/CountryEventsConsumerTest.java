package org.jcm.registry.creditissuance.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.jcm.registry.testsupport.Api.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.PublishedContract;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** credit-issuance consuming country-onboarding's events from the real broker: once, in order, nothing lost. */
@QuarkusTest
class CountryEventsConsumerTest {

    private static final String SCHEMA = "credit_issuance";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    CloudEventCodec codec;

    @Test
    void anActivatedCountryGetsItsRegistryWithItsOwnAccounts() {
        publish(activated("MN", "Mongolia", 4));

        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/MN").then().statusCode(200)
                .body("countryCode", equalTo("MN"), "article6RegistryId", equalTo("MNG01"), "state", equalTo("ACTIVE"), "lastSerial", equalTo(0)));
        given().when().get("/api/registries/MN/accounts").then().statusCode(200)
                .body("type", containsInAnyOrder("GOVERNMENT_HOLDING", "CANCELLATION", "RETIREMENT"))
                .body("number", containsInAnyOrder("MN-100-1", "MN-800-1", "MN-900-1"))
                .body("state", containsInAnyOrder("OPEN", "OPEN", "OPEN"));
    }

    @Test
    void anEventDeliveredThreeTimesHasOneEffect() throws SQLException {
        String event = activated("VN", "Viet Nam", 4);
        int partition = publish(event).partition();
        publish(event);
        publish(event);
        String marker = activated("KH", "Cambodia", 4);
        TestInfra.publishEvent(Topics.COUNTRIES, partition, "KH", marker);

        // The marker follows the three copies on their partition: once its registry exists, all three were consumed.
        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/KH").then().statusCode(200));
        UUID id = UUID.fromString(JsonPath.from(event).getString("id"));
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".processed_event WHERE event_id = '" + id + "'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".registry WHERE country_code = 'VN'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".account WHERE registry_code = 'VN'")).isEqualTo(3);
            assertThat(count(s, "SELECT count(*) FROM " + SCHEMA + ".event_log WHERE aggregate_id = 'VN' AND event_type = 'RegistryOpened'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndTheNextOnesAreProcessed() {
        RecordMetadata poison = TestInfra.publish(Topics.COUNTRIES, "TH", "{\"this is\": \"not a CloudEvent\"");
        publish(activated("TH", "Thailand", 4));

        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/TH").then().statusCode(200));
        JsonPath deadLetters = given().queryParam("status", "OPEN").when().get("/api/dead-letters").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> matching = deadLetters.<Map<String, Object>>getList("").stream()
                .filter(d -> ((Number) d.get("offset")).longValue() == poison.offset()
                        && ((Number) d.get("partition")).intValue() == poison.partition())
                .toList();
        assertThat(matching).hasSize(1);
        assertThat(matching.get(0)).containsEntry("topic", Topics.COUNTRIES).containsEntry("reasonCode", "JCM-MSG-001").containsEntry("key", "TH");
        assertThat((String) matching.get(0).get("reason")).startsWith("JCM-MSG-001").contains("not a CloudEvents 1.0 event");

        await().atMost(WITHIN).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dlq = TestInfra.readAll(Topics.deadLetter("credit-issuance"), Duration.ofMillis(500));
            ConsumerRecord<String, String> letter = dlq.stream().filter(r -> r.value().equals("{\"this is\": \"not a CloudEvent\"")).findFirst()
                    .orElseThrow();
            assertThat(header(letter, "dead-letter-reason")).startsWith("JCM-MSG-001");
            assertThat(header(letter, "dead-letter-topic")).isEqualTo(Topics.COUNTRIES);
            assertThat(header(letter, "dead-letter-offset")).isEqualTo(Long.toString(poison.offset()));
            assertThat(header(letter, "dead-letter-partition")).isEqualTo(Integer.toString(poison.partition()));
        });
    }

    @Test
    void aDeadLetterIsReplayedOnceTheCauseIsFixed() throws SQLException {
        // The database refuses the Philippines' registry for a while (say a broken migration an operator must fix).
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION " + SCHEMA + ".refuse_ph() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.country_code = 'PH' THEN RAISE EXCEPTION 'registry table is being repaired'; END IF; RETURN NEW; END $$");
            s.execute("CREATE TRIGGER refuse_ph BEFORE INSERT ON " + SCHEMA + ".registry FOR EACH ROW EXECUTE FUNCTION " + SCHEMA + ".refuse_ph()");
        }
        String event = activated("PH", "Philippines", 4);
        publish(event);
        String eventId = JsonPath.from(event).getString("id");
        long deadLetterId = await().atMost(WITHIN).until(() -> given().when().get("/api/dead-letters").then().extract().jsonPath()
                .<Map<String, Object>>getList("").stream().filter(d -> eventId.equals(d.get("eventId"))).findFirst()
                .map(d -> ((Number) d.get("id")).longValue()).orElse(-1L), id -> id > 0);
        given().when().get("/api/dead-letters/" + deadLetterId).then().statusCode(200)
                .body("reasonCode", equalTo("JCM-SYS-001"), "status", equalTo("OPEN"), "eventType", equalTo("PartnerCountryActivated"));
        given().when().get("/api/registries/PH").then().statusCode(404).body("code", equalTo("JCM-REG-001"));

        // Replaying before the fix fails again, with the reason, and stays open.
        given().when().post("/api/dead-letters/" + deadLetterId + "/replay").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("JCM-MSG-006"));

        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER refuse_ph ON " + SCHEMA + ".registry");
            s.execute("DROP FUNCTION " + SCHEMA + ".refuse_ph()");
        }
        given().when().post("/api/dead-letters/" + deadLetterId + "/replay").then().statusCode(200)
                .body("applied", equalTo(true), "status", equalTo("REPLAYED"));
        given().when().get("/api/registries/PH").then().statusCode(200).body("countryCode", equalTo("PH"));
        given().when().get("/api/dead-letters/" + deadLetterId).then().statusCode(200).body("status", equalTo("REPLAYED"), "attempts", equalTo(2));
        given().when().post("/api/dead-letters/" + deadLetterId + "/replay").then().statusCode(409).body("code", equalTo("JCM-MSG-005"));
        given().when().post("/api/dead-letters/999999/replay").then().statusCode(404).body("code", equalTo("JCM-MSG-004"));
    }

    @Test
    void aFailureThatPassesIsRetriedNotDeadLettered() throws SQLException {
        // The database refuses Bangladesh's registry twice (a sequence counts the attempts: it is not rolled back), then accepts it.
        try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE " + SCHEMA + ".bd_attempts");
            s.execute("GRANT USAGE ON SEQUENCE " + SCHEMA + ".bd_attempts TO " + SCHEMA);
            s.execute("CREATE FUNCTION " + SCHEMA + ".flaky_bd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.country_code = 'BD' AND nextval('" + SCHEMA + ".bd_attempts') <= 2 THEN RAISE EXCEPTION 'connection reset'; END IF; "
                    + "RETURN NEW; END $$");
            s.execute("CREATE TRIGGER flaky_bd BEFORE INSERT ON " + SCHEMA + ".registry FOR EACH ROW EXECUTE FUNCTION " + SCHEMA + ".flaky_bd()");
        }
        try {
            String event = activated("BD", "Bangladesh", 4);
            publish(event);
            await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/BD").then().statusCode(200));
            String eventId = JsonPath.from(event).getString("id");
            assertThat(given().when().get("/api/dead-letters").then().extract().jsonPath().<Map<String, Object>>getList("")
                    .stream().filter(d -> eventId.equals(d.get("eventId")))).isEmpty();
            try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT last_value FROM " + SCHEMA + ".bd_attempts")).isEqualTo(3);
            }
        } finally {
            try (Connection c = TestInfra.adminConnection(SCHEMA); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER flaky_bd ON " + SCHEMA + ".registry");
                s.execute("DROP FUNCTION " + SCHEMA + ".flaky_bd()");
            }
        }
    }

    @Test
    void anOlderSnapshotArrivingLateDoesNotOverwriteANewerOne() {
        publish(snapshotEvent(country("LK", "Sri Lanka", CountryState.SUSPENDED, 6), "PartnerCountrySuspended"));
        publish(activated("LK", "Sri Lanka", 4));
        publish(activated("UZ", "Uzbekistan", 4));
        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/UZ").then().statusCode(200));
        // The late ACTIVE snapshot (version 4) lost to the SUSPENDED one (version 6): no registry was opened for it.
        given().when().get("/api/registries/LK").then().statusCode(404);
    }

    @Test
    void theRegistryFollowsItsCountrysSuspensionReinstatementAndTermination() {
        publish(activated("UA", "Ukraine", 4));
        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/UA").then().statusCode(200).body("state", equalTo("ACTIVE")));
        publish(snapshotEvent(country("UA", "Ukraine", CountryState.SUSPENDED, 5), "PartnerCountrySuspended"));
        await().atMost(WITHIN)
                .untilAsserted(() -> given().when().get("/api/registries/UA").then().statusCode(200).body("state", equalTo("SUSPENDED")));
        publish(snapshotEvent(country("UA", "Ukraine", CountryState.ACTIVE, 6), "PartnerCountryReinstated"));
        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/UA").then().statusCode(200).body("state", equalTo("ACTIVE")));
        publish(snapshotEvent(country("UA", "Ukraine", CountryState.TERMINATED, 7), "PartnerCountryTerminated"));
        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/UA").then().statusCode(200).body("state", equalTo("CLOSED")));
        // Terminated is final: a late, older ACTIVE snapshot changes nothing.
        int partition = publish(snapshotEvent(country("UA", "Ukraine", CountryState.ACTIVE, 6), "PartnerCountryReinstated")).partition();
        TestInfra.publishEvent(Topics.COUNTRIES, partition, "TZ", activated("TZ", "Tanzania", 4));
        await().atMost(WITHIN).untilAsserted(() -> given().when().get("/api/registries/TZ").then().statusCode(200));
        given().when().get("/api/registries/UA").then().body("state", equalTo("CLOSED"));
    }

    @Test
    void whatItPublishesMatchesItsPublishedContract() {
        publish(activated("GT", "Guatemala", 4));
        publish(snapshotEvent(country("GT", "Guatemala", CountryState.SUSPENDED, 5), "PartnerCountrySuspended"));

        await().atMost(WITHIN).untilAsserted(() -> {
            List<JsonNode> guatemala = TestInfra.readAll(Topics.ACCOUNTS, Duration.ofMillis(500)).stream()
                    .filter(r -> "GT".equals(r.key())).map(r -> PublishedContract.assertValidEvent("credit-issuance", r.value())).toList();
            assertThat(guatemala).extracting(e -> e.get("type").asText()).contains("RegistryOpened", "AccountOpened", "RegistryStateChanged");
        });
    }

    @Test
    void unknownRegistriesAndAccountsAreProblems() {
        given().when().get("/api/registries/ZZ").then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("JCM-REG-001"));
        given().when().get("/api/registries/ZZ/accounts").then().statusCode(404).body("code", equalTo("JCM-REG-001"));
        given().queryParam("status", "MAYBE").when().get("/api/dead-letters").then().statusCode(400).body("code", equalTo("JCM-REQ-001"));
    }

    private String activated(String code, String name, long version) {
        return snapshotEvent(country(code, name, CountryState.ACTIVE, version), "PartnerCountryActivated");
    }

    private static CountrySnapshot country(String code, String name, CountryState state, long version) {
        String alpha3 = new Locale("", code).getISO3Country();
        return new CountrySnapshot(code, alpha3, name, state, version, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 2, 1),
                LocalDate.of(2015, 3, 1), new RegistryIdentity(code, alpha3 + "01", Hosting.HOSTED), null, List.of(), null);
    }

    private String snapshotEvent(CountrySnapshot snapshot, String type) {
        Object body = switch (type) {
            case "PartnerCountryActivated" -> new CountryEvent.PartnerCountryActivated(snapshot, "operator", snapshot.activatedOn());
            case "PartnerCountrySuspended" -> new CountryEvent.PartnerCountrySuspended(snapshot, "operator", LocalDate.of(2020, 1, 1), "test");
            case "PartnerCountryReinstated" -> new CountryEvent.PartnerCountryReinstated(snapshot, "operator", LocalDate.of(2020, 2, 1));
            case "PartnerCountryTerminated" -> new CountryEvent.PartnerCountryTerminated(snapshot, "operator", LocalDate.of(2020, 3, 1), "test");
            default -> throw new IllegalArgumentException(type);
        };
        return codec.encode(UUID.randomUUID(), "/jcm/country-onboarding", type, snapshot.code(), Instant.now().truncatedTo(ChronoUnit.MICROS), body);
    }

    private static RecordMetadata publish(String event) {
        return TestInfra.publishEvent(Topics.COUNTRIES, null, JsonPath.from(event).getString("subject"), event);
    }

    private static long count(Statement s, String sql) throws SQLException {
        var rs = s.executeQuery(sql);
        rs.next();
        return rs.getLong(1);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
