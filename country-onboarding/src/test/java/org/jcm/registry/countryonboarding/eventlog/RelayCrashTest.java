package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.eventlog.ChainWriter;
import org.jcm.registry.platform.eventlog.EventLog;
import org.jcm.registry.platform.eventlog.EventLogEntry;
import org.jcm.registry.platform.eventlog.EventPublisher;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * The relay dies after the broker acknowledged part of a batch but before it stamped it. On the next round it
 * publishes those entries again, with the same event ids, and loses nothing: consumers, which apply an event id
 * once, see every change once and in order.
 */
@QuarkusTest
@TestProfile(RelayCrashTest.ManualRelay.class)
class RelayCrashTest {

    /** The scheduled relay is off: the test drives each step of it by hand. */
    public static class ManualRelay implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jcm.event-log.relay-interval", "off");
        }
    }

    @Inject
    ChainWriter chain;

    @Inject
    EventPublisher publisher;

    @Inject
    EventLog log;

    @Test
    void aRestartMidBatchRepublishesWithTheSameIdsAndLosesNothing() throws Exception {
        for (String[] c : new String[][]{{"KH", "Cambodia"}, {"LA", "Lao People's Democratic Republic"}, {"ID", "Indonesia"}}) {
            given().contentType(ContentType.JSON).body("{\"code\": \"" + c[0] + "\", \"name\": \"" + c[1] + "\"}")
                    .when().post("/api/countries").then().statusCode(201);
            given().contentType(ContentType.JSON).body("{\"signedOn\": \"2020-01-01\"}")
                    .when().post("/api/countries/" + c[0] + "/bilateral-document").then().statusCode(200);
        }
        List<EventLogEntry> ours = QuarkusTransaction.requiringNew().call(() -> {
            List<EventLogEntry> all = new ArrayList<>();
            for (String code : List.of("KH", "LA", "ID")) {
                all.addAll(log.history("PartnerCountry", code));
            }
            return all;
        });
        assertThat(ours).hasSize(6).allMatch(e -> e.position() == null);

        assertThat(chain.chainPending()).isGreaterThanOrEqualTo(6);
        List<EventPublisher.Outgoing> firstBatch = publisher.unpublished(4);
        assertThat(publisher.send(firstBatch)).hasSize(4);
        // The process dies here: the broker has the batch, the log does not know it.

        int republished = 0;
        int round;
        while ((round = publisher.publishChained()) > 0) {
            republished += round;
        }
        assertThat(republished).isGreaterThanOrEqualTo(6);

        Set<UUID> ourIds = ours.stream().map(EventLogEntry::eventId).collect(Collectors.toSet());
        Set<UUID> crashedIds = firstBatch.stream().map(EventPublisher.Outgoing::eventId).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> onTopic = TestInfra.readAll(Topics.COUNTRIES, Duration.ofSeconds(1)).stream()
                .filter(r -> ourIds.contains(UUID.fromString(JsonPath.from(r.value()).getString("id")))).toList();

        Map<UUID, Long> copies = onTopic.stream().collect(Collectors.groupingBy(r -> UUID.fromString(JsonPath.from(r.value()).getString("id")),
                Collectors.counting()));
        assertThat(copies.keySet()).isEqualTo(ourIds);
        copies.forEach((id, n) -> assertThat(n).as("copies of %s", id).isEqualTo(crashedIds.contains(id) ? 2L : 1L));

        // What an idempotent consumer applies (the first copy of each id) is every change, in order, per country.
        Map<String, List<Integer>> appliedVersions = new HashMap<>();
        Set<UUID> seen = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> r : onTopic) {
            JsonPath event = JsonPath.from(r.value());
            if (seen.add(UUID.fromString(event.getString("id")))) {
                appliedVersions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(event.getInt("data.country.version"));
            }
        }
        assertThat(appliedVersions).containsOnlyKeys("KH", "LA", "ID").allSatisfy((code, versions) -> assertThat(versions).containsExactly(1, 2));
    }
}
