package org.jcm.registry.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.KafkaAccess;
import org.jcm.registry.testsupport.KafkaBroker;
import org.jcm.registry.testsupport.KafkaCredentials;
import org.jcm.registry.testsupport.PostgresServer;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.Tokens;

/**
 * What credit-issuance's ledger costs, in one run on one machine, against the same PostgreSQL server's own figures:
 *
 * <ol>
 *   <li>Issuance: request + Joint Committee decision over REST for 1 credit and for 1,000,000,000 credits (the ledger
 *       writes one block row whatever the quantity); median of {@code jcm.bench.repetitions}, alternating.</li>
 *   <li>Internal transfers of 1 credit per second over REST at {@code clients} concurrent clients, each sending from an
 *       account of its own (so no two clients wait on one sender's lock) to a pool of receivers, beside pgbench's
 *       TPC-B-like TPS at as many clients on the same server (service idle meanwhile).</li>
 *   <li>Latency (p50/p99, one client) of the issuance history and of an account's holdings as of the instant half of the
 *       transfers were done, over the ledger those {@code transactions} transfers built.</li>
 * </ol>
 *
 * <p>The preconditions come the way production gets them: the partner country's activation and the projects and their
 * verified reductions are CloudEvents on the real broker (published as its operator), everything else is REST with an
 * operator's bearer token. Prints its figures; asserts nothing.
 */
public final class LedgerBenchmark {

    private static final String ISSUER = "urn:jcm:benchmark";
    private static final String CC = "TH";
    private static final String SHA = "a".repeat(64);
    private static final long BILLION = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final CloudEventCodec CODEC = CloudEventCodec.standalone(JSON);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    private LedgerBenchmark(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int transactions = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int repetitions = Integer.getInteger("jcm.bench.repetitions", 7);
        int history = Integer.getInteger("jcm.bench.history", 300);
        int receivers = Integer.getInteger("jcm.bench.receivers", 100);
        int queries = Integer.getInteger("jcm.bench.queries", 1000);
        int queryWarmUp = Integer.getInteger("jcm.bench.query-warmup", 200);
        long funding = Math.max(Long.getLong("jcm.bench.funding", 1_000_000L), transactions);
        boolean durable = Boolean.getBoolean("jcm.bench.durable");
        Path repo = Path.of(System.getProperty("jcm.repo", ".")).toAbsolutePath();
        Files.createDirectories(repo.resolve("benchmarks/target"));
        Path work = Files.createTempDirectory(repo.resolve("benchmarks/target"), "ledger-");

        System.out.printf("LedgerBenchmark: %d clients, %d transfers, %d issuances of history, %d receivers, %d cores; work in %s%n", clients,
                transactions, history, receivers, Runtime.getRuntime().availableProcessors(), repo.relativize(work));
        long runStart = System.nanoTime();

        // clean=true: fsync and synchronous_commit off, as the tests and EventLogBenchmark run; -Djcm.bench.durable=true: on.
        try (PostgresServer postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, !durable);
                KafkaBroker broker = KafkaBroker.startOrConnect(work.resolve("kafka"), 0)) {
            postgres.createDatabaseIfAbsent("bench");
            PostgresServer.ServiceDatabase db = postgres.provisionService("bench", "credit_issuance", "credit_issuance");
            System.out.println("  PostgreSQL: " + serverSettings(postgres));

            // Every service's topics exist before the service subscribes, as the operator creates them; credit-issuance
            // runs as its own Kafka user with its real ACLs.
            KafkaAccess.createTopics(broker, KafkaAccess.serviceTopics(), 3);
            KafkaCredentials kafka = KafkaCredentials.random(KafkaAccess.Service.CREDIT_ISSUANCE.user);
            KafkaAccess.provisionService(broker, KafkaAccess.Service.CREDIT_ISSUANCE, kafka, 3);
            Map<String, String> env = new HashMap<>(ServiceProcess.environment(db, broker.bootstrapServers(), kafka));
            Tokens.writeKeyPair(work.resolve("jwt"));
            env.putAll(ServiceProcess.trusting(work.resolve("jwt").resolve("jwt-public.pem"), ISSUER));
            // An operator bound to no country (no jcm_country claim).
            String token = Tokens.issuer(work.resolve("jwt").resolve("jwt-private.pem"), ISSUER).token("benchmark-operator", List.of("operator"),
                    null, null, Duration.ofHours(12));
            for (String kv : System.getProperty("jcm.bench.service-env", "").split(",")) {
                if (kv.contains("=")) {
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    System.out.println("  service setting: " + kv);
                }
            }
            try (ServiceProcess service = new ServiceProcess(ServiceProcess.Service.CREDIT_ISSUANCE, repo, 0, env,
                    work.resolve("credit-issuance.log"), System.getProperty("jcm.bench.service-heap", "512m"));
                    Events events = new Events(broker)) {
                service.start().awaitReady(Duration.ofMinutes(3));
                LedgerBenchmark bench = new LedgerBenchmark(service.baseUrl(), token);
                bench.run(postgres, events, clients, transactions, repetitions, history, receivers, queries, queryWarmUp, funding, work);
            }
        }
        System.out.printf("  whole run: %.0f s%n", seconds(runStart));
    }

    private void run(PostgresServer postgres, Events events, int clients, int transactions, int repetitions, int history, int receiverCount,
            int queries, int queryWarmUp, long funding, Path work) throws Exception {
        // --- Setup: an ACTIVE partner country (its registry opens), accounts, projects, verified reductions.
        long setupStart = System.nanoTime();
        events.activate(CC, "THA", "Thailand");
        awaitStatus("/api/registries/" + CC, 200, Duration.ofSeconds(60));
        Account target = openAccount("BENCH-ISSUANCE-TARGET");
        List<Account> senders = parallelMap(clients, clients, i -> openAccount("BENCH-SENDER-" + i));
        List<Account> receivers = parallelMap(clients, receiverCount, i -> openAccount("BENCH-RECEIVER-" + i));

        // Two projects share the history (so a project's page is full too), one funds the senders, one is timed.
        ProjectSnapshot historyA = events.registerProject(CC, CC + "001");
        ProjectSnapshot historyB = events.registerProject(CC, CC + "002");
        ProjectSnapshot fundingProject = events.registerProject(CC, CC + "003");
        ProjectSnapshot timed = events.registerProject(CC, CC + "004");
        List<Period> historyPeriods = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            historyPeriods.add(events.verify(i % 2 == 0 ? historyA : historyB, Period.day(i / 2), 1_000));
        }
        List<Period> fundingPeriods = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            fundingPeriods.add(events.verify(fundingProject, Period.day(i), funding));
        }
        List<Period> timedPeriods = new ArrayList<>();
        for (int i = 0; i < 2 * repetitions; i++) {
            timedPeriods.add(events.verify(timed, Period.day(i), BILLION));
        }
        events.flush();

        // The history, over REST by the clients: also what warms the issuance path before it is timed.
        parallel(clients, history, i -> {
            Period p = historyPeriods.get(i);
            decide(requestIssuance(p).id(), p, target.number(), 1 + i % 1_000);
        });
        parallel(clients, clients, i -> {
            Period p = fundingPeriods.get(i);
            decide(requestIssuance(p).id(), p, senders.get(i).number(), funding);
        });
        System.out.printf("  setup: registry %s, %d accounts, %d issuances of history, %d senders funded with %,d credits each (%.1f s)%n", CC,
                1 + clients + receiverCount, history, clients, funding, seconds(setupStart));

        // --- 1. Issuance of 1 and of 1,000,000,000 credits, alternating, one at a time.
        List<Double> requestOne = new ArrayList<>();
        List<Double> decideOne = new ArrayList<>();
        List<Double> requestBillion = new ArrayList<>();
        List<Double> decideBillion = new ArrayList<>();
        for (int i = 0; i < 2 * repetitions; i++) {
            Period p = timedPeriods.get(i);
            long quantity = i % 2 == 0 ? 1 : BILLION;
            Requested requested = requestIssuance(p);
            long start = System.nanoTime();
            decide(requested.id(), p, target.number(), quantity);
            double decided = millis(start);
            (quantity == 1 ? requestOne : requestBillion).add(requested.millis());
            (quantity == 1 ? decideOne : decideBillion).add(decided);
        }
        System.out.printf("  1. issuance over REST, one at a time (median of %d; decision min..max):%n", repetitions);
        System.out.printf("       %-26s request %7.2f ms, JC decision %7.2f ms (%.2f..%.2f)%n", "1 credit:", median(requestOne), median(decideOne),
                min(decideOne), max(decideOne));
        System.out.printf("       %-26s request %7.2f ms, JC decision %7.2f ms (%.2f..%.2f)%n", "1,000,000,000 credits:", median(requestBillion),
                median(decideBillion), min(decideBillion), max(decideBillion));

        // --- 2. pgbench on the same server (the service idle), then the transfers that build the ledger.
        String pgbench = pgbench(postgres, clients, work);
        System.out.println("  2. " + pgbench);
        Instant[] middle = new Instant[1];
        Histogram transferLatency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long[] quarterEnds = new long[4];
        AtomicInteger done = new AtomicInteger();
        long transfersStart = System.nanoTime();
        parallelPerClient(clients, transactions, (client, i, latency) -> {
            Account to = receivers.get(i % receivers.size());
            String body = JSON.writeValueAsString(Map.of("fromAccount", senders.get(client).number(), "toAccount", to.number(), "quantity", 1));
            long start = System.nanoTime();
            Answer a = send("POST", "/api/transfers", body);
            latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - start) / 1_000));
            expect(a, 201, "/api/transfers");
            int n = done.incrementAndGet();
            if (n == transactions / 2) {
                middle[0] = Instant.now();
            }
            if (n % Math.max(1, transactions / 4) == 0 && n / Math.max(1, transactions / 4) <= 4) {
                quarterEnds[n / Math.max(1, transactions / 4) - 1] = System.nanoTime();
            }
        }, transferLatency);
        double transferSeconds = seconds(transfersStart);
        double tps = transactions / transferSeconds;
        StringBuilder quarters = new StringBuilder();
        long previous = transfersStart;
        for (long end : quarterEnds) {
            if (end > 0) {
                quarters.append(String.format(" %.0f", (transactions / 4.0) / ((end - previous) / 1e9)));
                previous = end;
            }
        }
        System.out.printf("     internal transfers of 1 credit over REST, %d clients: %.0f transfers/s (%,d in %.1f s%s)%n", clients, tps,
                transactions, transferSeconds, pgbenchTps(pgbench) > 0
                        ? String.format(", %.0f%% of pgbench's tps", 100 * tps / pgbenchTps(pgbench))
                        : "");
        System.out.printf("       by quarter of the ledger's growth (transfers/s):%s; latency p50 %.2f ms, p99 %.2f ms%n", quarters,
                transferLatency.getValueAtPercentile(50) / 1000.0, transferLatency.getValueAtPercentile(99) / 1000.0);

        // --- 3. Query latency over the ledger the transfers built: one client, after a warm-up.
        String asOf = URLEncoder.encode(middle[0].toString(), StandardCharsets.UTF_8);
        Account sender = senders.get(0);
        Account receiver = receivers.get(0);
        System.out.println("     ledger now: " + ledgerSize(postgres, sender, middle[0]));
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("GET /api/issuances?country=" + CC + "&limit=100", "/api/issuances?country=" + CC + "&limit=100");
        paths.put("GET /api/issuances?country=" + CC + "&project=" + historyA.reference() + "&limit=100",
                "/api/issuances?country=" + CC + "&project=" + historyA.reference() + "&limit=100");
        paths.put("GET /api/accounts/{sender}/holdings?asOf=middle", "/api/accounts/" + sender.id() + "/holdings?asOf=" + asOf);
        paths.put("GET /api/accounts/{receiver}/holdings?asOf=middle", "/api/accounts/" + receiver.id() + "/holdings?asOf=" + asOf);
        System.out.printf("  3. query latency over %,d transfers, one client, %d requests each after %d to warm up (asOf %s):%n", transactions,
                queries, queryWarmUp, middle[0]);
        for (Map.Entry<String, String> q : paths.entrySet()) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Answer last = null;
            for (int i = 0; i < queryWarmUp + queries; i++) {
                long start = System.nanoTime();
                last = send("GET", q.getValue(), null);
                long micros = (System.nanoTime() - start) / 1_000;
                expect(last, 200, q.getValue());
                if (i >= queryWarmUp) {
                    h.recordValue(Math.min(h.getHighestTrackableValue(), micros));
                }
            }
            System.out.printf("       %-62s p50 %7.2f ms, p99 %7.2f ms  (%s)%n", q.getKey(), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, describe(last.body()));
        }

        // --- Sanity: conservation of the registry (issued = held + retired + cancelled, no overlapping blocks).
        long start = System.nanoTime();
        Answer conservation = send("GET", "/api/ledger/conservation?registry=" + CC, null);
        expect(conservation, 200, "/api/ledger/conservation");
        JsonNode c = JSON.readTree(conservation.body());
        JsonNode registry = c.path("registries").path(0);
        System.out.printf("  conservation of %s: holds=%s (issued %,d, held %,d; %d overlaps; checked in %.0f ms)%n", CC, c.path("holds").asText(),
                registry.path("issued").asLong(), registry.path("held").asLong(), c.path("overlaps").size(), millis(start));
    }

    // --- REST

    private record Account(String id, String number) {}

    private record Answer(int status, String body) {}

    private record Requested(String id, double millis) {}

    private Answer send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private static void expect(Answer a, int status, String what) {
        if (a.status() != status) {
            throw new IllegalStateException(what + " answered " + a.status() + ": " + a.body());
        }
    }

    private void awaitStatus(String path, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (send("GET", path, null).status() != status) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " did not answer " + status + " within " + within);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private Account openAccount(String identifier) throws Exception {
        Answer a = send("POST", "/api/registries/" + CC + "/accounts", JSON.writeValueAsString(Map.of("holder", "Holder " + identifier,
                "holderIdentifier", identifier, "contactEmail", "registry@holder.example")));
        expect(a, 201, "open account " + identifier);
        JsonNode n = JSON.readTree(a.body());
        return new Account(n.path("id").asText(), n.path("number").asText());
    }

    /**
     * Requests the issuance of a verified period; retries (for up to a minute) only while the country, the project or the
     * verification has not arrived through Kafka yet. Returns the issuance's id and the latency of the request that
     * created it.
     */
    private Requested requestIssuance(Period p) throws Exception {
        String body = JSON.writeValueAsString(Map.of("projectReference", p.project().reference(), "monitoringPeriodStart", p.start().toString(),
                "monitoringPeriodEnd", p.end().toString()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            long start = System.nanoTime();
            Answer a = send("POST", "/api/issuances", body);
            if (a.status() == 201) {
                return new Requested(JSON.readTree(a.body()).path("id").asText(), millis(start));
            }
            boolean notArrived = a.status() == 422 && (a.body().contains("JCM-ISS-002") || a.body().contains("JCM-ISS-003")
                    || a.body().contains("JCM-ISS-005"));
            if (!notArrived || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST /api/issuances answered " + a.status() + ": " + a.body());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private void decide(String issuance, Period p, String account, long quantity) throws Exception {
        String body = JSON.writeValueAsString(Map.of("decisionReference", "JC-" + p.project().reference() + "-" + p.start(), "decidedOn",
                p.end().plusMonths(4).toString(), "lines", List.of(Map.of("registry", CC, "account", account, "vintage", p.vintage(), "quantity",
                        quantity))));
        expect(send("POST", "/api/issuances/" + issuance + "/decision", body), 200, "decision of " + issuance);
    }

    /** What a query answered, in a few words: how many issuances or blocks. */
    private static String describe(String body) throws IOException {
        JsonNode n = JSON.readTree(body);
        if (n.has("issuances")) {
            return n.path("issuances").size() + " issuances a page";
        }
        int blocks = n.path("blocks").size();
        return String.format("%,d block%s held, %,d credits", blocks, blocks == 1 ? "" : "s", n.path("total").asLong());
    }

    // --- The other services' events, published as the broker's operator

    /** A one-day monitoring period of a project, verified for {@code tonnes} of the vintage of its year. */
    private record Period(ProjectSnapshot project, LocalDate start, LocalDate end) {

        static Period day(int index) {
            LocalDate start = LocalDate.of(2019, 1, 1).plusDays(2L * index);
            return new Period(null, start, start);
        }

        int vintage() {
            return start.getYear();
        }
    }

    /** Publishes CloudEvents as the other services' relays do (structured mode, with the content-type header). */
    private static final class Events implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final List<Future<RecordMetadata>> sent = new ArrayList<>();

        Events(KafkaBroker broker) {
            Properties props = broker.adminCredentials().clientProperties(broker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }

        void activate(String cc, String alpha3, String name) throws Exception {
            CountrySnapshot country = new CountrySnapshot(cc, alpha3, name, CountryState.ACTIVE, 4, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1,
                    1), LocalDate.of(2015, 6, 1), new CountrySnapshot.RegistryIdentity(cc, alpha3 + "01", CountrySnapshot.Hosting.HOSTED), null,
                    List.of(), null);
            publish(Topics.COUNTRIES, cc, CODEC.encode(UUID.randomUUID(), "/jcm/country-onboarding", "PartnerCountryActivated", cc, Instant.now(),
                    new CountryEvent.PartnerCountryActivated(country, "operator", country.activatedOn())));
            flush();
        }

        ProjectSnapshot registerProject(String cc, String reference) {
            List<ProjectSnapshot.Participant> participants = List.of(new ProjectSnapshot.Participant("Government-backed developer of " + cc, cc,
                    "PROJECT_PARTICIPANT", true, null));
            ProjectSnapshot project = new ProjectSnapshot(UUID.randomUUID().toString(), cc + "_PIN" + reference.substring(2), reference,
                    "Project " + reference, cc, UUID.randomUUID().toString(), cc + "_AM001", 1, 1, ProjectState.REGISTERED, 7, participants,
                    new ProjectSnapshot.Period(LocalDate.of(2018, 1, 1), LocalDate.of(2030, 12, 31)), 500, new ProjectSnapshot.CreditAllocation(
                            new BigDecimal("50"), new BigDecimal("0"), new BigDecimal("50")),
                    null, List.of(), LocalDate.of(2017, 1, 1), null, null, null, null, new JcDecision("JC-" + cc + "-REG", LocalDate.of(2017, 9,
                            1)),
                    null, null);
            publish(Topics.PROJECTS, project.id(), CODEC.encode(UUID.randomUUID(), "/jcm/project-registry", "ProjectRegistered", project.id(),
                    Instant.now(), new ProjectEvent.ProjectRegistered(project, "operator", project.registration())));
            return project;
        }

        /** Publishes a positive verification of one period of {@code project}: {@code tonnes} of the period's vintage. */
        Period verify(ProjectSnapshot project, Period day, long tonnes) {
            Period p = new Period(project, day.start(), day.end());
            List<ProjectEvent.VintageAmount> amounts = List.of(new ProjectEvent.VintageAmount(p.vintage(), tonnes));
            ProjectEvent.ReductionsVerified event = new ProjectEvent.ReductionsVerified(project, "operator", UUID.randomUUID().toString(), null,
                    project.reference(), project.hostCountry(), project.methodologyReference(), UUID.randomUUID().toString(),
                    new ProjectSnapshot.Period(p.start(), p.end()), amounts, tonnes, "TPE-" + project.hostCountry() + "-1", "Verifier "
                            + project.hostCountry(),
                    p.end().plusMonths(3), new DocumentReference("MONITORING_REPORT", "https://jcm.example/mr.pdf", SHA), new DocumentReference(
                            "VERIFICATION_REPORT", "https://jcm.example/vr.pdf", SHA),
                    project.creditAllocation());
            publish(Topics.PROJECTS, project.id(), CODEC.encode(UUID.randomUUID(), "/jcm/project-registry", "ReductionsVerified", project.id(),
                    Instant.now(), event));
            return p;
        }

        private void publish(String topic, String key, String value) {
            sent.add(producer.send(new ProducerRecord<>(topic, null, key, value, List.of(new RecordHeader("content-type",
                    "application/cloudevents+json".getBytes(StandardCharsets.UTF_8))))));
        }

        /** Waits until the broker has every event published so far. */
        void flush() throws Exception {
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            sent.clear();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    // --- pgbench on the same server

    /**
     * Initialises a database of its own with {@code pgbench -i -s scale} and runs the TPC-B-like script at {@code clients}
     * clients over TCP as the server's admin; returns a line describing the result (with "tps = ...").
     */
    private static String pgbench(PostgresServer postgres, int clients, Path work) throws Exception {
        String binary = System.getProperty("jcm.bench.pgbench", "/usr/lib/postgresql/15/bin/pgbench");
        int scale = Integer.getInteger("jcm.bench.pgbench-scale", 8);
        int duration = Integer.getInteger("jcm.bench.pgbench-seconds", 30);
        if (!Files.isExecutable(Path.of(binary))) {
            return "pgbench: " + binary + " not found, skipped (-Djcm.bench.pgbench=/path/to/pgbench)";
        }
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/").matcher(postgres.adminUrl());
        if (!url.find()) {
            return "pgbench: cannot read host and port from " + postgres.adminUrl() + ", skipped";
        }
        postgres.createDatabaseIfAbsent("pgbench");
        List<String> connection = List.of("-h", url.group(1), "-p", url.group(2) == null ? "5432" : url.group(2), "-U", postgres.adminUser());
        long initStart = System.nanoTime();
        runPgbench(binary, connection, List.of("-i", "-q", "-s", Integer.toString(scale)), postgres.adminPassword(), work.resolve(
                "pgbench-init.log"));
        double initSeconds = seconds(initStart);
        String out = runPgbench(binary, connection, List.of("-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)), "-T",
                Integer.toString(duration), "-b", "tpcb-like"), postgres.adminPassword(), work.resolve("pgbench.log"));
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
        if (!tps.find()) {
            return "pgbench: no tps in its output, see " + work.resolve("pgbench.log");
        }
        return String.format("pgbench tpcb-like on the same server, %d clients, -j %d, %d s, scale %d (initialised in %.0f s): tps = %.0f%s",
                clients, Math.min(clients, 2), duration, scale, initSeconds, Double.parseDouble(tps.group(1)), latency.find()
                        ? ", latency average " + latency.group(1) + " ms"
                        : "");
    }

    private static String runPgbench(String binary, List<String> connection, List<String> options, String password, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(options);
        command.addAll(connection);
        command.add("pgbench");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGPASSWORD", password);
        Process p = builder.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (p.isAlive() || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + ":\n" + Files.readString(log));
        }
        return Files.readString(log);
    }

    private static double pgbenchTps(String line) {
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** How big the ledger is, read straight from the service's tables as the server's admin. */
    private static String ledgerSize(PostgresServer postgres, Account sender, Instant asOf) throws Exception {
        try (Connection c = postgres.adminConnection("bench");
                Statement s = c.createStatement();
                PreparedStatement history = c.prepareStatement(
                        "SELECT count(*) FROM credit_issuance.unit_block WHERE account_id = ? AND opened_at <= ?")) {
            List<String> counts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT type, count(*) FROM credit_issuance.ledger_transaction GROUP BY type ORDER BY type")) {
                while (rs.next()) {
                    counts.add(String.format("%,d %s", rs.getLong(2), rs.getString(1)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE closed_by IS NULL) FROM credit_issuance.unit_block")) {
                rs.next();
                counts.add(String.format("%,d block rows (%,d current)", rs.getLong(1), rs.getLong(2)));
            }
            history.setObject(1, UUID.fromString(sender.id()));
            history.setObject(2, Timestamp.from(asOf));
            try (ResultSet rs = history.executeQuery()) {
                rs.next();
                counts.add(String.format("the sender queried below had %,d block rows opened by the middle instant", rs.getLong(1)));
            }
            return String.join(", ", counts);
        }
    }

    private static String serverSettings(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.adminConnection("bench"); Statement s = c.createStatement()) {
            List<String> settings = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                settings.add(rs.getString(1));
            }
            for (String name : List.of("fsync", "synchronous_commit", "shared_buffers", "max_connections")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.add(name + "=" + rs.getString(1));
                }
            }
            return String.join(", ", settings);
        }
    }

    // --- Concurrency and figures

    @FunctionalInterface
    private interface Task {

        void run(int index) throws Exception;
    }

    @FunctionalInterface
    private interface Mapper<T> {

        T apply(int index) throws Exception;
    }

    @FunctionalInterface
    private interface ClientTask {

        void run(int client, int index, Histogram latency) throws Exception;
    }

    /** Runs {@code task(0..total-1)} on {@code threads} threads, each taking the next index; fails on the first failure. */
    private static void parallel(int threads, int total, Task task) throws Exception {
        parallelPerClient(threads, total, (client, i, latency) -> task.run(i), null);
    }

    private static <T> List<T> parallelMap(int threads, int total, Mapper<T> mapper) throws Exception {
        List<AtomicReference<T>> results = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            results.add(new AtomicReference<>());
        }
        parallel(threads, total, i -> results.get(i).set(mapper.apply(i)));
        return results.stream().map(AtomicReference::get).toList();
    }

    /** As {@link #parallel}, telling each task its client (thread) number; each client records into a histogram of its own. */
    private static void parallelPerClient(int clients, int total, ClientTask task, Histogram into) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<Histogram>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                Histogram own = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    task.run(client, i, own);
                }
                return own;
            }));
        }
        try {
            for (Future<Histogram> f : futures) {
                Histogram h = f.get();
                if (into != null) {
                    into.add(h);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
