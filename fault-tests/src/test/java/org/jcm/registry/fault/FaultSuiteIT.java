package org.jcm.registry.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.Flows;
import org.jcm.registry.testsupport.Flows.Partner;
import org.jcm.registry.testsupport.KafkaClient;
import org.jcm.registry.testsupport.PartnerEvents;
import org.jcm.registry.testsupport.RunningRegistry;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: the three packaged services as separate processes against one broker and one PostgreSQL server, a
 * stream of real work from several callers ({@link Workload}), and one fault at a time injected halfway through it. After
 * each, the whole registry's invariants are checked ({@link Invariants}) and the propagation of events measured
 * ({@link Propagation}). Each scenario continues from the state the previous ones left, so the checks also cover
 * everything done before.
 *
 * <p>How long the work runs around each fault, and with how many callers: {@code -Djcm.fault.seconds},
 * {@code -Djcm.fault.concurrency}; how long the database and the broker stay down: {@code -Djcm.fault.postgres-down},
 * {@code -Djcm.fault.broker-down} (ISO-8601 durations). CI runs the short version; {@code fault-tests/soak.sh} a longer one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Duration SECONDS = Duration.ofSeconds(Long.getLong("jcm.fault.seconds", 3));
    private static final int CONCURRENCY = Integer.getInteger("jcm.fault.concurrency", 4);
    private static final Duration POSTGRES_DOWN = Duration.parse(System.getProperty("jcm.fault.postgres-down", "PT20S"));
    /** Longer than the relay's publish timeout (30 s): what was in flight when the broker went is not acknowledged. */
    private static final Duration BROKER_DOWN = Duration.parse(System.getProperty("jcm.fault.broker-down", "PT35S"));
    private static final int REDELIVERIES = 3;
    private static final Partner MONGOLIA = new Partner("MN", "Mongolia", "2013-01-08", "2013-04-11", "2013-07-01", "MNG01", Workload.TPE,
            "2014-01-01", Workload.PARTICIPANT, 2015);
    private static final Partner THAILAND = new Partner("TH", "Thailand", "2015-11-19", "2016-01-20", "2016-03-01", "THA01", "TPE-TH-JQA",
            "2016-04-01", "PP-TH-0001", 2017);

    private static RunningRegistry registry;
    private static Client client;
    private static Workload work;
    private static Invariants invariants;
    private static Invariants.Baseline baseline;
    /** Poison messages sent so far (their record value), with the services that must dead-letter each. */
    private static final Map<String, List<Service>> poison = new LinkedHashMap<>();
    private static final List<String> report = new ArrayList<>();
    /** What the running scenario's fault did, for its section of the report. */
    private static final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void startTheRegistryAndSetUpMongolia() {
        registry = RunningRegistry.start("fault-tests", "faults");
        client = new Client(registry);
        Flows flows = new Flows(registry);
        flows.onboard(MONGOLIA);
        flows.registerASolarProjectAndVerify(MONGOLIA, "2017-01-01", "2017-12-31", Map.of(2017, 20000), Map.of(2017, 20000));
        assertThat(client.post(Service.CREDIT_ISSUANCE, "/api/registries/MN/accounts", Workload.operator(), """
                {"holder": "Local Energy LLC", "holderIdentifier": "MN-REG-6543210", "contactEmail": "registry@local-energy.example",
                 "participantId": "%s"}""".formatted(Workload.PARTICIPANT)).json().getString("number")).isEqualTo(Workload.PARTICIPANT_ACCOUNT);
        flows.decideIssuance(flows.requestIssuance(MONGOLIA, "2017-01-01", "2017-12-31"), "JC-MN-2018-01", "2018-04-15",
                "[{\"registry\": \"MN\", \"account\": \"%s\", \"vintage\": 2017, \"quantity\": 20000}]".formatted(Workload.PARTICIPANT_ACCOUNT));
        setUpThailandUnderArticle6(flows);
        work = new Workload(client, Map.of("MN", TestInfra.asPartner("MN"), "TH", TestInfra.asPartner("TH")));
        invariants = new Invariants(registry, client);
        baseline = invariants.baseline();
    }

    /** Thailand under Article 6: 20,000 credits of 2024 in its government's account, 10,000 of them authorized for NDC use. */
    private static void setUpThailandUnderArticle6(Flows flows) {
        flows.onboard(THAILAND);
        assertThat(client.put(Service.COUNTRY_ONBOARDING, "/api/countries/TH/article6", Workload.operator(),
                "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true, \"oimpFirstTransfer\": \"AUTHORIZATION\"}").status()).isEqualTo(200);
        flows.registerASolarProjectAndVerify(THAILAND, "2024-01-01", "2024-12-31", Map.of(2024, 20000), Map.of(2024, 20000));
        flows.decideIssuance(flows.requestIssuance(THAILAND, "2024-01-01", "2024-12-31"), "JC-TH-2025-01", "2025-04-10",
                "[{\"registry\": \"TH\", \"account\": \"TH-100-1\", \"vintage\": 2024, \"quantity\": 20000}]");
        KafkaClient thailand = TestInfra.asPartner("TH");
        thailand.publish(Workload.A6_INBOUND, "TH",
                PartnerEvents.cloudEvent(UUID.randomUUID().toString(), PartnerEvents.source("TH"), "CreditsAuthorized",
                        "TH", """
                                {"country": "TH", "reference": "TH-A6-2025-001", "authorizedOn": "2025-05-14", "uses": ["NDC"], "firstTransfer": null,
                                 "ranges": null, "projectReference": "TH001", "vintages": [2024], "quantity": 10000}"""));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(client.get(Service.CREDIT_ISSUANCE, "/api/registries/TH/authorizations",
                Api.tokens().auditor()).json().getList("reference")).contains("TH-A6-2025-001"));
    }

    @AfterAll
    static void report() {
        if (work != null) {
            work.close();
        }
        if (client != null) {
            report.add("");
            report.add("requests: " + client.requests.get() + " sent; answered 2xx: " + work.answered + "; refused: " + work.refused);
            report.add("partner events sent: " + work.partnerEvents.size() + " TPE designations, " + work.article6Events.size()
                    + " Article 6 authorizations; poison messages: " + poison.size()
                    + "; invariant checks passed: " + invariants.checksPassed());
            report.add("attempts that were not final, by kind: " + client.interruptions);
        }
        String text = String.join("\n", report);
        System.out.println("\n==== Fault suite ====\n" + text);
        try {
            Path out = Path.of(System.getProperty("jcm.repo.root", "..")).resolve("fault-tests/target/fault-report.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (invariants != null) {
            invariants.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void withoutAFault() {
        scenario("no fault", () -> {
        });
    }

    @Test
    @Order(2)
    void countryOnboardingKilledMidStream() {
        scenario("kill -9 country-onboarding", () -> killInItsWindows(Service.COUNTRY_ONBOARDING));
    }

    @Test
    @Order(3)
    void projectRegistryKilledMidStream() {
        scenario("kill -9 project-registry", () -> killInItsWindows(Service.PROJECT_REGISTRY));
    }

    @Test
    @Order(4)
    void creditIssuanceKilledMidStream() {
        scenario("kill -9 credit-issuance", () -> killInItsWindows(Service.CREDIT_ISSUANCE));
    }

    @Test
    @Order(5)
    void brokerRestartedMidStream() {
        scenario("broker down " + BROKER_DOWN.toSeconds() + " s", () -> registry.restartBroker(BROKER_DOWN));
    }

    /**
     * The outbox's window: credit-issuance commits changes the broker cannot take, and is killed before it could publish
     * them. They are in its event log, not in a producer's memory, so the restarted relay publishes them.
     */
    @Test
    @Order(6)
    void creditIssuanceKilledWhileTheBrokerIsDown() {
        scenario("kill -9 credit-issuance while the broker is down", () -> {
            long newest = invariants.single("SELECT coalesce(max(seq), 0) FROM credit_issuance.event_log");
            registry.restartBroker(Duration.ofSeconds(15), () -> {
                long committed = newest + 5;
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                        .until(() -> invariants.single("SELECT coalesce(max(seq), 0) FROM credit_issuance.event_log") >= committed);
                registry.kill(Service.CREDIT_ISSUANCE);
                notes.add("events credit-issuance committed after the broker stopped and before its kill: "
                        + (invariants.single("SELECT coalesce(max(seq), 0) FROM credit_issuance.event_log") - newest));
            });
            registry.restart(Service.CREDIT_ISSUANCE);
        });
    }

    @Test
    @Order(7)
    void postgresDownLongerThanAnyRetryBudget() {
        scenario("PostgreSQL down " + POSTGRES_DOWN.toSeconds() + " s", () -> registry.restartPostgres(POSTGRES_DOWN));
    }

    /**
     * Every partner event sent so far, sent again {@link #REDELIVERIES} times; every service's whole event log published
     * again by the operators' redelivery; and the relay's duplicates: the last entries of each service's log unstamped, as a
     * crash between the broker's acknowledgement and the stamp leaves them, so the relay sends them again.
     */
    @Test
    @Order(8)
    void everyEventDeliveredAgain() {
        scenario("redelivery x" + REDELIVERIES + " and relay duplicates", () -> {
            List<List<String>> sent = List.copyOf(work.partnerRecords.values());
            for (int i = 0; i < REDELIVERIES; i++) {
                sent.forEach(r -> work.publish(r.get(0), r.get(1), r.get(0), r.get(2)));
            }
            for (Service s : Service.values()) {
                redeliver(s, null);
            }
            for (Service s : Service.values()) {
                execute("SET session_replication_role = replica; UPDATE " + s.schema + ".event_log SET published_at = NULL WHERE position > "
                        + "(SELECT max(position) - 50 FROM " + s.schema + ".event_log)");
            }
        });
    }

    /** Poison of every kind on every topic a service reads; then one fixed and replayed. */
    @Test
    @Order(9)
    void poisonMessagesOnEveryInboundTopic() {
        scenario("poison messages", this::sendPoison);
        // The fix for the late withdrawal: the TPE is designated, the dead letter replayed, the withdrawal applied.
        assertThat(client.post(Service.COUNTRY_ONBOARDING, "/api/countries/MN/tpes", Workload.operator(), """
                {"tpeId": "TPE-MN-LATE", "name": "Late verifier", "sectoralScopes": [1], "designatedOn": "2019-01-01"}""").status()).isEqualTo(201);
        work.extraTpes.incrementAndGet();
        Client.Answer letters = client.get(Service.COUNTRY_ONBOARDING, "/api/dead-letters?status=OPEN&limit=1000", Workload.operator());
        long id = letters.json().getList("findAll { it.value.contains('TPE-MN-LATE') }.id", Long.class).get(0);
        Client.Answer replay = client.post(Service.COUNTRY_ONBOARDING, "/api/dead-letters/" + id + "/replay", Workload.operator(), "{}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().getBoolean("applied")).isTrue();
        assertThat(invariants
                .single("SELECT count(*) FROM country_onboarding.third_party_entity WHERE tpe_id = 'TPE-MN-LATE' AND withdrawn_on IS NOT NULL"))
                .isEqualTo(1);
        invariants.check(baseline, work, poison);
    }

    /** Many callers at once on the same account, each asking for more than a fifth of what it holds: some must be refused. */
    @Test
    @Order(10)
    void racesOnTheSameAccountAndBlocks() {
        scenario("races on one account", () -> {
            long held = invariants.holdings("MN").get("ENTITY_HOLDING");
            long share = held / 5 + 1;
            int callers = 12;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    gate.await();
                    if (n % 2 == 0) {
                        work.transfer(share);
                    } else {
                        work.retire(share);
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> f : done) {
                try {
                    f.get(6, TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            pool.shutdown();
            // Give the stream its balance back.
            long atGovernment = invariants.holdings("MN").get("GOVERNMENT_HOLDING");
            work.transferBack(atGovernment);
        });
        assertThat(work.refused.keySet()).as("some of the racing requests were refused for want of units").anyMatch(k -> k.startsWith("transfer 422")
                || k.startsWith("retirement 422"));
    }

    /**
     * A read model rebuilt from scratch: project-registry loses every country it knew (and the record of having applied
     * their events), its consumer group starts again from the first offset of the countries topic, kept for ever, and the
     * rebuilt model equals country-onboarding's state.
     */
    @Test
    @Order(11)
    void aReadModelRebuiltFromTheTopicEqualsTheProducersState() throws Exception {
        registry.services.get(Service.PROJECT_REGISTRY).close();
        execute("SET session_replication_role = replica; DELETE FROM project_registry.read_model WHERE model = 'country'; "
                + "DELETE FROM project_registry.processed_event WHERE topic = '" + Invariants.COUNTRIES + "'");
        assertThat(invariants.readModelsBehind()).isNotEmpty();
        try (Admin admin = registry.broker().admin()) {
            Map<TopicPartition, OffsetSpec> partitions = new LinkedHashMap<>();
            admin.describeTopics(List.of(Invariants.COUNTRIES)).allTopicNames().get(30, TimeUnit.SECONDS).get(Invariants.COUNTRIES).partitions()
                    .forEach(p -> partitions.put(new TopicPartition(Invariants.COUNTRIES, p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> earliest = new LinkedHashMap<>();
            admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).forEach((tp, o) -> earliest.put(tp, new OffsetAndMetadata(o.offset())));
            assertThat(earliest.values()).as("the topic still has its first events").allMatch(o -> o.offset() == 0);
            admin.alterConsumerGroupOffsets("project-registry", earliest).all().get(30, TimeUnit.SECONDS);
        }
        Instant from = Instant.now();
        registry.restart(Service.PROJECT_REGISTRY);
        invariants.check(baseline, work, poison);
        record("rebuild of project-registry's countries", from);
    }

    /**
     * A read model rebuilt by the operators' redelivery: project-registry's countries deleted (with the record of having
     * applied their events) while it runs, then country-onboarding's log published again from its first position, on the
     * countries topic only.
     */
    @Test
    @Order(12)
    void aReadModelRebuiltByRedeliveryEqualsTheProducersState() throws Exception {
        execute("SET session_replication_role = replica; DELETE FROM project_registry.read_model WHERE model = 'country'; "
                + "DELETE FROM project_registry.processed_event WHERE topic = '" + Invariants.COUNTRIES + "'");
        assertThat(invariants.readModelsBehind()).isNotEmpty();
        Instant from = Instant.now();
        long redelivered = redeliver(Service.COUNTRY_ONBOARDING, Invariants.COUNTRIES);
        assertThat(redelivered).isPositive();
        invariants.check(baseline, work, poison);
        record("rebuild of project-registry's countries by redelivering " + redelivered + " events", from);
    }

    /** Publishes a service's whole event log again (of one topic, unless null), page by page; returns how many entries went out. */
    private static long redeliver(Service s, String topic) {
        long next = 1;
        long total = 0;
        while (true) {
            Client.Answer a = client.post(s, "/api/audit/redeliveries", Workload.operator(),
                    topic == null ? "{\"fromPosition\": %d}".formatted(next) : "{\"fromPosition\": %d, \"topic\": \"%s\"}".formatted(next, topic));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            total += a.json().getLong("redelivered");
            if (a.json().getBoolean("complete")) {
                return total;
            }
            next = a.json().getLong("next");
        }
    }

    private void scenario(String name, Runnable fault) {
        Instant from = Instant.now();
        work.run(SECONDS, CONCURRENCY, fault);
        invariants.check(baseline, work, poison);
        record(name, from);
    }

    private static void record(String name, Instant from) {
        report.add("");
        report.add("## " + name + " (" + Duration.between(from, Instant.now()).toSeconds() + " s, all checks passed)");
        report.addAll(notes);
        notes.clear();
        try {
            Propagation.of(invariants, from, Instant.now(), work).forEach(f -> report.add(f.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code kill -9} aimed at the windows a crash can hit, rather than wherever a few seconds of work happen to be.
     * <ul>
     * <li>Between a commit and its answer: changes of each kind the service takes are committed and their answers
     * dropped, as the kill would drop them; their callers send them again, with the same {@code Idempotency-Key}, once
     * the service is back.</li>
     * <li>Between applying events and committing their offsets: partner events the service has just applied, whose
     * offsets its consumer commits only every few seconds, so the restarted service is delivered them again. Should the
     * periodic commit fall between the applying and the kill, the kill is tried again.</li>
     * </ul>
     */
    private static void killInItsWindows(Service s) {
        CountDownLatch back = new CountDownLatch(1);
        List<Runnable> changes = switch (s) {
            case COUNTRY_ONBOARDING -> List.of(work::designateTpe, work::designateTpe);
            case PROJECT_REGISTRY -> List.of(work::submitProjectIdea, work::submitProjectIdea);
            case CREDIT_ISSUANCE -> List.of(() -> work.transfer(1), () -> work.transferBack(1), () -> work.retire(1));
        };
        Optional<Inbound> inbound = switch (s) {
            case COUNTRY_ONBOARDING -> Optional.of(new Inbound("country-onboarding.partner-inbound", Workload.INBOUND, "country_onboarding",
                    work::designateTpeByPartner));
            case CREDIT_ISSUANCE -> Optional.of(new Inbound("credit-issuance.partner-inbound", Workload.A6_INBOUND, "credit_issuance",
                    work::authorizeByPartner));
            case PROJECT_REGISTRY -> Optional.empty();
        };
        ExecutorService callers = Executors.newFixedThreadPool(changes.size());
        long lostBefore = client.answersLost.get();
        List<Future<?>> resent = changes.stream().<Future<?>>map(change -> callers.submit(() -> {
            client.loseTheNextAnswer(back);
            change.run();
        })).toList();
        await().atMost(Duration.ofMinutes(1)).until(() -> client.answersLost.get() - lostBefore == changes.size());
        long behind = 0;
        for (int attempt = 1;; attempt++) {
            if (inbound.isPresent()) {
                List<String> burst = Stream.generate(inbound.get().send()).limit(5).toList();
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                        .until(() -> invariants.applied(inbound.get().schema(), burst) == burst.size());
            }
            registry.kill(s);
            if (inbound.isEmpty()) {
                break;
            }
            behind = uncommitted(inbound.get().group(), inbound.get().topic());
            if (behind > 0 || attempt == 3) {
                break;
            }
            registry.restart(s);
        }
        registry.restart(s);
        back.countDown();
        for (Future<?> f : resent) {
            try {
                f.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        callers.shutdown();
        notes.add("changes committed whose answers the kill lost, sent again after the restart with the same key: " + changes.size());
        if (inbound.isPresent()) {
            notes.add("records of " + inbound.get().topic() + " past the offset its consumer had committed at the kill, after a burst of "
                    + "partner events was applied: " + behind);
            assertThat(behind).as("the kill left applied partner events to be delivered again").isPositive();
        }
    }

    /** A partner topic a service reads, its consumer group, where it records applied events, and how to send one more. */
    private record Inbound(String group, String topic, String schema, Supplier<String> send) {}

    /** How many records of {@code topic} lie past the offsets {@code group} committed: they will be delivered again. */
    private static long uncommitted(String group, String topic) {
        try (Admin admin = registry.broker().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long behind = 0;
            for (var end : admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return behind;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendPoison() {
        KafkaClient partner = TestInfra.asPartner("MN");
        String applied = work.partnerEvents.keySet().iterator().next();
        List<String> partnerPoison = List.of("this is not an event \u0000 at all", "{\"hello\": \"world\"}",
                Workload.cloudEvent(UUID.randomUUID().toString(), "TotallyUnknownEvent", "MN", "{\"country\": \"MN\"}"),
                Workload.cloudEvent(UUID.randomUUID().toString(), "TpeDesignationNotified", "MN", """
                        {"country": "TH", "tpeId": "TPE-MN-X1", "name": "Wrong country", "sectoralScopes": [1], "designatedOn": "2019-01-01"}"""),
                Workload.cloudEvent(UUID.randomUUID().toString(), "TpeDesignationNotified", "MN", """
                        {"country": "MN", "name": "No TPE id", "sectoralScopes": [1], "designatedOn": "2019-01-01"}"""),
                Workload.cloudEvent(applied, "TpeDesignationNotified", "MN",
                        """
                                {"country": "MN", "tpeId": "TPE-MN-REUSED", "name": "An id already used", "sectoralScopes": [1], "designatedOn": "2019-01-01"}"""),
                Workload.cloudEvent(UUID.randomUUID().toString(), "TpeWithdrawalNotified", "MN", """
                        {"country": "MN", "tpeId": "TPE-MN-LATE", "withdrawnOn": "2020-01-01", "decisionReference": "JC-MN-W-1"}"""));
        partnerPoison.forEach(p -> poison.put(p, List.of(Service.COUNTRY_ONBOARDING)));
        String foreignSource = Workload.cloudEvent(UUID.randomUUID().toString(), "TpeDesignationNotified", "MN", """
                {"country": "MN", "tpeId": "TPE-MN-X2", "name": "Foreign source", "sectoralScopes": [1], "designatedOn": "2019-01-01"}""")
                .replace(Workload.PARTNER_SOURCE, "urn:jcm:partner:th");
        poison.put(foreignSource, List.of(Service.COUNTRY_ONBOARDING));
        // Counters start at 1, so MN_PIN000 and MN000 never exist (MN_PIN999 did, in a soak of more than 999 project ideas).
        String unknownPin = Workload.cloudEvent(UUID.randomUUID().toString(), "ProjectNoObjectionNotified", "MN_PIN000", """
                {"country": "MN", "pinReference": "MN_PIN000", "decisionReference": "JC-MN-NO-000", "decidedOn": "2019-05-01"}""");
        poison.put(unknownPin, List.of(Service.PROJECT_REGISTRY));
        String unknownProject = Workload.cloudEvent(UUID.randomUUID().toString(), "IssuanceNotified", "MN000", """
                {"country": "MN", "projectReference": "MN000", "monitoringPeriodStart": "2018-01-01", "monitoringPeriodEnd": "2018-12-31",
                 "decisionReference": "JC-MN-999", "decidedOn": "2019-04-10",
                 "lines": [{"registry": "MN", "account": "MN-100-1", "vintage": 2018, "quantity": 5}]}""");
        poison.put(unknownProject, List.of(Service.CREDIT_ISSUANCE));
        for (Map.Entry<String, List<Service>> p : poison.entrySet()) {
            partner.publish(Workload.INBOUND, "MN", p.getKey());
        }
        // On the aggregate topics (written by the broker's operator: no service would), read by the services that consume them.
        KafkaClient admin = TestInfra.asAdmin();
        String garbage = "{\"specversion\": \"1.0\", \"broken";
        String unknownCountryEvent = "{\"specversion\": \"1.0\", \"id\": \"" + UUID.randomUUID()
                + "\", \"source\": \"urn:jcm:service:country-onboarding\", \"type\": \"CountryVanished\", \"subject\": \"MN\", \"time\": \"2025-03-14T09:00:00Z\", \"datacontenttype\": \"application/json\", \"data\": {}}";
        for (String p : List.of(garbage, unknownCountryEvent)) {
            admin.publish(Invariants.COUNTRIES, "MN", p);
            poison.put(p, List.of(Service.PROJECT_REGISTRY, Service.CREDIT_ISSUANCE));
        }
        String projectGarbage = "not a project event";
        admin.publish(Invariants.PROJECTS, "MN001", projectGarbage);
        poison.put(projectGarbage, List.of(Service.CREDIT_ISSUANCE));
    }

    private static void execute(String sql) {
        try (Connection c = invariants.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
