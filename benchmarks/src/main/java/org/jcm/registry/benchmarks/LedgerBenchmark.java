package org.jcm.registry.benchmarks;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.jcm.registry.benchmarks.CreditIssuanceApi.Account;
import org.jcm.registry.benchmarks.CreditIssuanceApi.Answer;
import org.jcm.registry.benchmarks.CreditIssuanceApi.Line;
import org.jcm.registry.benchmarks.UpstreamEvents.Period;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.testsupport.KafkaAccess;
import org.jcm.registry.testsupport.KafkaBroker;
import org.jcm.registry.testsupport.KafkaCredentials;
import org.jcm.registry.testsupport.PostgresServer;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.jcm.registry.testsupport.Tokens;

/**
 * What credit-issuance's ledger and the three services cost, in one run on one machine, each figure beside the limit it is
 * read against, measured in the same run:
 *
 * <ol>
 *   <li>Internal transfers of one credit over REST at each client count (1, 8, 32), each client sending from an account of
 *       its own to a pool of receivers, beside pgbench's TPC-B-like script at as many clients on the same PostgreSQL server
 *       (the service idle meanwhile). After each load: every acknowledged transfer is looked up in the ledger, the
 *       transfers recorded are counted, and conservation is checked (by SQL of the benchmark's own and by the service).</li>
 *   <li>Issuance (request + Joint Committee decision) of 1, 10^3, 10^6 and 10^9 credits, one at a time, alternating; medians,
 *       each read against issuing one credit.</li>
 *   <li>Auditor queries (issuance history, lineage of a serial, holdings as of an instant; p50/p95/p99) over ledgers of
 *       10^5 and 10^6 transactions: those made through REST, the rest written straight in PostgreSQL by {@link BulkLedger}.
 *       Read against a trivial authenticated GET of the same service.</li>
 *   <li>Event propagation: from each transfer's REST answer (and from its transaction's time) until a plain Kafka consumer
 *       reads its event from the transactions topic; read against the broker's own produce-to-read round trip.</li>
 *   <li>Each service's start (process start to ready) and peak resident memory (VmHWM).</li>
 * </ol>
 *
 * <p>The preconditions come the way production gets them: the partner country's activation and the projects and their
 * verified reductions are CloudEvents on the real broker (published as its operator), everything else is REST with an
 * operator's bearer token. Prints a table, writes {@code benchmarks/results/{commit}-{host}-{cores}cores-{time}.json};
 * asserts nothing.
 */
public final class LedgerBenchmark {

    private static final String ISSUER = "urn:jcm:benchmark";
    private static final String CC = "TH";
    private static final long BILLION = 1_000_000_000L;
    private static final int SETUP_THREADS = 8;
    private static final int MAX_LINES = 100;

    private static final String TRANSFERS = "1. Internal transfers over REST (1 credit each) vs pgbench tpcb-like on the same PostgreSQL";
    private static final String ISSUANCE = "2. Issuance over REST (request + JC decision), one at a time";
    private static final String QUERIES = "3. Auditor queries over REST, one client (p50 / p95 / p99)";
    private static final String PROPAGATION = "4. Event propagation to a plain Kafka consumer (p50 / p99)";
    private static final String SERVICES = "5. Services: process start to ready, peak RSS (VmHWM)";

    /** The run's settings: system properties {@code jcm.bench.*} (run-ledger.sh lists them). */
    private record Settings(List<Integer> clients, int loadSeconds, int warmUpSeconds, int pgbenchSeconds, int pgbenchScale, int repetitions,
            List<Long> issuanceSizes, int history, int receivers, long funding, List<Long> ledgerSizes, int bulkSenders, int bulkReceivers,
            int bulkBatch, int bulkWriters, int queries, int queryWarmUp, int roundTrips, boolean allServices, boolean durable, String serviceHeap,
            String otherServicesHeap) {

        static Settings fromProperties() {
            List<Integer> clients = Arrays.stream(System.getProperty("jcm.bench.clients", "1,8,32").split(",")).map(String::trim).map(
                    Integer::valueOf).toList();
            List<Long> sizes = Arrays.stream(System.getProperty("jcm.bench.ledger-sizes", "100000,1000000").split(",")).map(String::trim)
                    .map(Long::valueOf).sorted().toList();
            return new Settings(clients, Integer.getInteger("jcm.bench.load-seconds", 15), Integer.getInteger("jcm.bench.warmup-seconds", 5),
                    Integer.getInteger("jcm.bench.pgbench-seconds", 15), Integer.getInteger("jcm.bench.pgbench-scale", Collections.max(clients)),
                    Integer.getInteger("jcm.bench.repetitions", 7), List.of(1L, 1_000L, 1_000_000L, BILLION), Integer.getInteger(
                            "jcm.bench.history", 300),
                    Integer.getInteger("jcm.bench.receivers", 100), Long.getLong("jcm.bench.funding", 1_000_000L), sizes, Integer.getInteger(
                            "jcm.bench.bulk-senders", 1000),
                    Integer.getInteger("jcm.bench.bulk-receivers", 1000), Integer.getInteger("jcm.bench.bulk-batch", 100_000),
                    Integer.getInteger("jcm.bench.bulk-writers", Runtime.getRuntime().availableProcessors()), Integer
                            .getInteger("jcm.bench.queries", 400),
                    Integer.getInteger("jcm.bench.query-warmup", 100), Integer.getInteger("jcm.bench.round-trips", 300), Boolean.parseBoolean(
                            System.getProperty("jcm.bench.all-services", "true")),
                    Boolean.getBoolean("jcm.bench.durable"), System.getProperty("jcm.bench.service-heap", "512m"), System.getProperty(
                            "jcm.bench.other-services-heap", "256m"));
        }

        int maxClients() {
            return Collections.max(clients);
        }

        /** Credits each bulk sender needs: one per transfer it makes up to the largest ledger, and some to keep. */
        long bulkFunding() {
            return Math.max(1_000L, 2 * ledgerSizes.get(ledgerSizes.size() - 1) / bulkSenders + 10);
        }
    }

    private final Settings settings;
    private final Report report;
    private final CreditIssuanceApi api;
    private final PostgresServer postgres;
    private final PostgresServer.ServiceDatabase db;
    private final UpstreamEvents events;
    private final Path work;

    private Account target;
    private List<Account> senders;
    private List<Account> receivers;
    private List<Account> bulkSenders;
    private List<Account> bulkReceivers;
    private List<Period> timedPeriods;

    private LedgerBenchmark(Settings settings, Report report, CreditIssuanceApi api, PostgresServer postgres, PostgresServer.ServiceDatabase db,
            UpstreamEvents events, Path work) {
        this.settings = settings;
        this.report = report;
        this.api = api;
        this.postgres = postgres;
        this.db = db;
        this.events = events;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromProperties();
        Path repo = Path.of(System.getProperty("jcm.repo", ".")).toAbsolutePath();
        Files.createDirectories(repo.resolve("benchmarks/target"));
        Path work = Files.createTempDirectory(repo.resolve("benchmarks/target"), "ledger-");
        Report report = new Report(repo);
        report.fact("settings", settingsMap(s));
        System.out.printf("LedgerBenchmark: clients %s, %d s per load, ledgers of %s transactions, %d cores; work in %s%n", s.clients(),
                s.loadSeconds(), s.ledgerSizes(), Runtime.getRuntime().availableProcessors(), repo.relativize(work));
        long runStart = System.nanoTime();

        // clean=true: fsync and synchronous_commit off, as the tests run; -Djcm.bench.durable=true: on. pgbench gets the same.
        try (PostgresServer postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, !s.durable());
                KafkaBroker broker = KafkaBroker.startOrConnect(work.resolve("kafka"), 0)) {
            postgres.createDatabaseIfAbsent("bench");
            String server = serverSettings(postgres);
            report.fact("postgres", server);
            System.out.println("  PostgreSQL: " + server);
            // Every service's topics exist before any service subscribes, as the operator creates them.
            KafkaAccess.createTopics(broker, KafkaAccess.serviceTopics(), 3);
            Tokens.writeKeyPair(work.resolve("jwt"));
            String token = Tokens.issuer(work.resolve("jwt").resolve("jwt-private.pem"), ISSUER).token("benchmark-operator", List.of("operator"),
                    null, null, Duration.ofHours(12));

            // --- 5. Each service alone on the machine from process start to ready; the two not measured further stop again.
            double jvm = ServiceFootprint.bareJvmSeconds(s.otherServicesHeap(), 5);
            String jvmLimit = String.format("bare JVM (java -version): %.2f s", jvm);
            Map<Service, PostgresServer.ServiceDatabase> databases = new EnumMap<>(Service.class);
            for (Service service : s.allServices() ? List.of(Service.COUNTRY_ONBOARDING, Service.PROJECT_REGISTRY) : List.<Service>of()) {
                databases.put(service, postgres.provisionService("bench", service.schema, service.schema));
                try (ServiceProcess p = process(service, repo, databases.get(service), broker, work, s.otherServicesHeap())) {
                    ServiceFootprint.Start start = ServiceFootprint.start(p, Duration.ofMinutes(3));
                    long rss = ServiceFootprint.peakRssKiB(p.pid());
                    startRows(report, start, jvmLimit, jvm, rss, "at ready, then stopped", s.otherServicesHeap());
                }
            }
            databases.put(Service.CREDIT_ISSUANCE,
                    postgres.provisionService("bench", Service.CREDIT_ISSUANCE.schema, Service.CREDIT_ISSUANCE.schema));
            try (ServiceProcess service = process(Service.CREDIT_ISSUANCE, repo, databases.get(Service.CREDIT_ISSUANCE), broker, work, s
                    .serviceHeap());
                    UpstreamEvents events = new UpstreamEvents(broker);
                    CreditIssuanceApi api = new CreditIssuanceApi(service.baseUrl(), token, CC)) {
                ServiceFootprint.Start start = ServiceFootprint.start(service, Duration.ofMinutes(3));
                long rssAtReady = ServiceFootprint.peakRssKiB(service.pid());
                System.out.printf("  credit-issuance ready in %.1f s%n", start.readySeconds());
                LedgerBenchmark bench = new LedgerBenchmark(s, report, api, postgres, databases.get(
                        Service.CREDIT_ISSUANCE), events, work);
                bench.run(broker);
                String over = String.format("over the whole run (%d MiB at ready)", rssAtReady / 1024);
                startRows(report, start, jvmLimit, jvm, ServiceFootprint.peakRssKiB(service.pid()), over, s.serviceHeap());
            }
        }
        double seconds = (System.nanoTime() - runStart) / 1e9;
        report.fact("wholeRunSeconds", Math.round(seconds));
        report.printTable(System.out);
        Path json = report.writeJson(repo.resolve("benchmarks/results"));
        System.out.printf("%n  whole run: %.0f s; figures also in %s%n", seconds, repo.relativize(json));
    }

    private static ServiceProcess process(Service service, Path repo, PostgresServer.ServiceDatabase database, KafkaBroker broker, Path work,
            String heap) {
        // Each service as its own Kafka user with its real ACLs, trusting the benchmark's token key.
        KafkaCredentials kafka = KafkaCredentials.random(KafkaAccess.Service.named(service.dir).user);
        KafkaAccess.provisionService(broker, KafkaAccess.Service.named(service.dir), kafka, 3);
        Map<String, String> env = new HashMap<>(ServiceProcess.environment(database, broker.bootstrapServers(), kafka));
        env.putAll(ServiceProcess.trusting(work.resolve("jwt").resolve("jwt-public.pem"), ISSUER));
        env.putAll(ServiceProcess.signingCheckpoints(work.resolve("audit").resolve(service.dir)));
        if (service == Service.CREDIT_ISSUANCE) {
            for (String kv : System.getProperty("jcm.bench.service-env", "").split(",")) {
                if (kv.contains("=")) {
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    System.out.println("  service setting: " + kv);
                }
            }
        }
        return new ServiceProcess(service, repo, 0, env, work.resolve(service.dir + ".log"), heap);
    }

    private static void startRows(Report report, ServiceFootprint.Start start, String jvmLimit, double jvm, long rssKiB, String when, String heap) {
        String ready = String.format("%.1f s (Quarkus: started in %s)", start.readySeconds(), start.quarkusStartedIn());
        Map<String, Object> readyData = data("readySeconds", round(start.readySeconds(), 2), "quarkusStartedIn", start.quarkusStartedIn(),
                "bareJvmSeconds", round(jvm, 3));
        report.row(SERVICES, start.service() + ": start to ready", ready, jvmLimit, String.format("x%.0f", start.readySeconds() / jvm), readyData);
        report.row(SERVICES, start.service() + ": peak RSS", String.format("%d MiB %s", rssKiB / 1024, when), "heap cap -Xmx" + heap, null,
                data("peakRssKiB", rssKiB, "when", when, "heap", heap));
    }

    private void run(KafkaBroker broker) throws Exception {
        setup();
        issuance();
        Histogram roundTrip = TransactionFeed.brokerRoundTrip(broker, settings.roundTrips());
        try (TransactionFeed feed = new TransactionFeed(broker)) {
            transfers(feed, roundTrip);
        }
        auditorQueries();
    }

    // --- Setup: an ACTIVE partner country (its registry opens), accounts, projects, verified reductions, history, funding

    private void setup() throws Exception {
        long start = System.nanoTime();
        events.activate(CC, "THA", "Thailand");
        api.awaitStatus("/api/registries/" + CC, 200, Duration.ofSeconds(60));
        target = api.openAccount("BENCH-ISSUANCE-TARGET");
        senders = parallelMap(SETUP_THREADS, settings.maxClients(), i -> api.openAccount("BENCH-SENDER-" + i));
        receivers = parallelMap(SETUP_THREADS, settings.receivers(), i -> api.openAccount("BENCH-RECEIVER-" + i));
        bulkSenders = parallelMap(SETUP_THREADS, settings.bulkSenders(), i -> api.openAccount("BULK-SENDER-" + i));
        bulkReceivers = parallelMap(SETUP_THREADS, settings.bulkReceivers(), i -> api.openAccount("BULK-RECEIVER-" + i));
        double accountsSeconds = seconds(start);

        // Two projects share the history (so a project's page is full too), one funds the senders, one is timed.
        ProjectSnapshot historyA = events.registerProject(CC, CC + "001");
        ProjectSnapshot historyB = events.registerProject(CC, CC + "002");
        ProjectSnapshot fundingProject = events.registerProject(CC, CC + "003");
        ProjectSnapshot timedProject = events.registerProject(CC, CC + "004");
        List<Period> historyPeriods = new ArrayList<>();
        for (int i = 0; i < settings.history(); i++) {
            historyPeriods.add(events.verify(i % 2 == 0 ? historyA : historyB, Period.day(i / 2), 1_000));
        }
        // Each funding issuance allocates to up to 100 accounts (one line, one ISSUANCE transaction and one block each).
        List<List<Line>> fundings = new ArrayList<>();
        for (List<Account> group : groups(senders, MAX_LINES)) {
            fundings.add(group.stream().map(a -> new Line(a, settings.funding())).toList());
        }
        for (List<Account> group : groups(bulkSenders, MAX_LINES)) {
            fundings.add(group.stream().map(a -> new Line(a, settings.bulkFunding())).toList());
        }
        List<Period> fundingPeriods = new ArrayList<>();
        for (int i = 0; i < fundings.size(); i++) {
            fundingPeriods.add(events.verify(fundingProject, Period.day(i), fundings.get(i).stream().mapToLong(Line::quantity).sum()));
        }
        timedPeriods = new ArrayList<>();
        for (int i = 0; i < settings.issuanceSizes().size() * settings.repetitions(); i++) {
            timedPeriods.add(events.verify(timedProject, Period.day(i), BILLION));
        }
        events.flush();

        // The history, over REST by several clients: also what warms the issuance path before it is timed.
        parallel(SETUP_THREADS, settings.history(), i -> {
            Period p = historyPeriods.get(i);
            api.decide(api.requestIssuance(p), p, List.of(new Line(target, 1 + i % 1_000)));
        });
        parallel(SETUP_THREADS, fundings.size(), i -> {
            Period p = fundingPeriods.get(i);
            api.decide(api.requestIssuance(p), p, fundings.get(i));
        });
        System.out.printf("  setup: registry %s, %,d accounts (%.1f s), %d issuances of history, %d + %d senders funded (%.1f s in all)%n", CC,
                1 + senders.size() + receivers.size() + bulkSenders.size() + bulkReceivers.size(), accountsSeconds, settings.history(), senders
                        .size(),
                bulkSenders.size(), seconds(start));
    }

    // --- 2. Issuance of 1, 10^3, 10^6, 10^9 credits: round robin, the order reversed every other round

    private void issuance() throws Exception {
        List<Long> sizes = settings.issuanceSizes();
        Map<Long, List<Double>> request = new LinkedHashMap<>();
        Map<Long, List<Double>> decision = new LinkedHashMap<>();
        Map<Long, List<Double>> total = new LinkedHashMap<>();
        sizes.forEach(q -> {
            request.put(q, new ArrayList<>());
            decision.put(q, new ArrayList<>());
            total.put(q, new ArrayList<>());
        });
        int k = 0;
        for (int round = 0; round < settings.repetitions(); round++) {
            List<Long> order = new ArrayList<>(sizes);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (long quantity : order) {
                Period p = timedPeriods.get(k++);
                long start = System.nanoTime();
                String id = api.requestIssuance(p);
                long requested = System.nanoTime();
                api.decide(id, p, List.of(new Line(target, quantity)));
                long decided = System.nanoTime();
                request.get(quantity).add((requested - start) / 1e6);
                decision.get(quantity).add((decided - requested) / 1e6);
                total.get(quantity).add((decided - start) / 1e6);
            }
        }
        double one = median(total.get(1L));
        for (long q : sizes) {
            double t = median(total.get(q));
            String measure = String.format("%s credit%s, median of %d", label(q), q == 1 ? "" : "s", settings.repetitions());
            String value = String.format("%.1f ms (request %.1f + decision %.1f)", t, median(request.get(q)), median(decision.get(q)));
            Map<String, Object> numbers = data("quantity", q, "medianMs", round(t, 2), "requestMedianMs", round(median(request.get(q)), 2),
                    "decisionMedianMs", round(median(decision.get(q)), 2), "minMs", round(Collections.min(total.get(q)), 2), "maxMs",
                    round(Collections.max(total.get(q)), 2), "ratioToOneCredit", round(t / one, 3));
            if (q == 1) {
                report.row(ISSUANCE, measure, value, null, null, numbers);
            } else {
                report.row(ISSUANCE, measure, value, String.format("1 credit: %.1f ms", one), String.format("%.2f", t / one), numbers);
            }
        }
        System.out.printf("  issuance: %d rounds of %s credits done%n", settings.repetitions(), sizes);
    }

    // --- 1. and 4. Transfers at each client count beside pgbench; what was acknowledged, recorded and published

    private void transfers(TransactionFeed feed, Histogram roundTrip) throws Exception {
        Optional<Path> binary = Pgbench.locate();
        Pgbench pgbench = null;
        if (binary.isPresent()) {
            long start = System.nanoTime();
            pgbench = Pgbench.initialise(binary.get(), postgres, settings.pgbenchScale(), work);
            report.fact("pgbench", String.format("%s, scale %d (initialised in %.0f s), -T %d, -j min(clients, 2), tpcb-like", pgbench.version(),
                    settings.pgbenchScale(), seconds(start), settings.pgbenchSeconds()));
        } else {
            report.fact("pgbench", "not found (-Djcm.bench.pgbench=/path/to/pgbench; Debian: apt-get install postgresql)");
        }
        // Warm the transfer path up (JIT, pools) before the first timed load; these transfers stay in the ledger.
        int warmUpClients = Math.min(settings.maxClients(), 8);
        Load warmUp = load(warmUpClients, settings.warmUpSeconds());
        System.out.printf("  warm-up: %d transfers at %d clients in %d s%n", warmUp.answered().size(), warmUpClients, settings.warmUpSeconds());
        report.fact("warmUp", data("clients", warmUpClients, "seconds", settings.warmUpSeconds(), "transfers", warmUp.answered().size()));

        String floor = "broker round trip: " + Report.p50p99(roundTrip);
        for (int clients : settings.clients()) {
            Pgbench.Result pg = pgbench == null ? null : pgbench.tpcbLike(clients, settings.pgbenchSeconds());
            long seqBefore = maxSeq();
            Load load = load(clients, settings.loadSeconds());
            double tps = load.answered().size() / load.seconds();

            // What the ledger has: every acknowledged transfer, and nothing else recorded meanwhile.
            int read = feed.await(load.answered().keySet(), Duration.ofSeconds(30));
            long[] counts = ledgerCounts(seqBefore, load.answered().keySet());
            Conservation sql = conservation();
            long checkStart = System.nanoTime();
            JsonNode service = CreditIssuanceApi.JSON.readTree(CreditIssuanceApi.expect(api.get("/api/ledger/conservation?registry=" + CC), 200,
                    "conservation").body());
            double serviceCheckMillis = (System.nanoTime() - checkStart) / 1e6;

            String plural = clients == 1 ? "" : "s";
            String rate = String.format("%.0f transfers/s (p50/p99 %s)", tps, Report.p50p99(load.latency()));
            Map<String, Object> numbers = data("clients", clients, "seconds", round(load.seconds(), 2), "transfersPerSecond", round(tps, 1),
                    "latency", Report.percentiles(load.latency()));
            if (pg == null) {
                report.row(TRANSFERS, String.format("%d client%s, %d s", clients, plural, settings.loadSeconds()), rate, "pgbench: not found", null,
                        numbers);
            } else {
                numbers.putAll(data("pgbenchTps", pg.tps(), "pgbenchLatencyMs", pg.latencyMillis(), "ratioToPgbench", round(tps / pg.tps(), 4)));
                report.row(TRANSFERS, String.format("%d client%s, %d s", clients, plural, settings.loadSeconds()), rate, String.format(
                        "pgbench tpcb-like, %d client%s: %.0f tps", clients, plural, pg.tps()), String.format("%.1f%%", 100 * tps / pg.tps()),
                        numbers);
            }
            int failed = load.failures().values().stream().mapToInt(Integer::intValue).sum();
            boolean serviceHolds = service.path("holds").asBoolean();
            report.row(TRANSFERS, String.format("  checked after %d client%s", clients, plural), String.format(
                    "acknowledged %,d | recorded %,d | acknowledged found %,d | failed %,d", load.answered().size(), counts[0], counts[1], failed),
                    String.format("conservation (SQL): %s; service's check: %s", sql.verdict(), serviceHolds ? "holds" : "BROKEN"), null, data(
                            "acknowledged", load.answered().size(), "recorded", counts[0], "acknowledgedFound", counts[1], "failures", load
                                    .failures(),
                            "conservationHolds", sql.holds(), "conservation", sql.detail(), "serviceConservationHolds",
                            serviceHolds, "serviceConservationMs", round(serviceCheckMillis, 1)));

            // 4. From each REST answer (and from the transaction's own time) until the plain consumer read the event.
            Histogram fromAnswer = Report.histogram();
            Histogram fromTransaction = Report.histogram();
            int beforeAnswer = 0;
            for (Map.Entry<String, Long> a : load.answered().entrySet()) {
                TransactionFeed.Arrival arrival = feed.arrival(a.getKey());
                if (arrival != null) {
                    long micros = (arrival.readNanos() - a.getValue()) / 1_000;
                    beforeAnswer += micros < 0 ? 1 : 0;
                    Report.record(fromAnswer, micros);
                    Report.record(fromTransaction, Duration.between(arrival.transactionAt(), arrival.readAt()).toNanos() / 1_000);
                }
            }
            double floorP50 = roundTrip.getValueAtPercentile(50);
            String readCount = String.format("%,d of %,d read%s", read, load.answered().size(), beforeAnswer == 0
                    ? ""
                    : String.format(", %d before their answer, counted 0", beforeAnswer));
            report.row(PROPAGATION, String.format("REST answer -> event read, %d client%s", clients, plural), Report.p50p99(fromAnswer) + " ("
                    + readCount + ")", floor, String.format("x%.1f", fromAnswer.getValueAtPercentile(50) / floorP50),
                    data("clients", clients,
                            "read", read, "acknowledged", load.answered().size(), "readBeforeAnswer", beforeAnswer, "latency", Report
                                    .percentiles(fromAnswer),
                            "brokerRoundTrip", Report.percentiles(roundTrip)));
            report.row(PROPAGATION, String.format("transaction's time (DB clock) -> event read, %d client%s", clients, plural), Report.p50p99(
                    fromTransaction), floor, String.format("x%.1f", fromTransaction.getValueAtPercentile(50) / floorP50),
                    data("clients", clients,
                            "latency", Report.percentiles(fromTransaction)));
            System.out.printf("  %d client%s: %.0f transfers/s%s; acknowledged %,d, recorded %,d, found %,d, failed %s; conservation %s (%s); "
                    + "events %s%n", clients, plural, tps, pg == null ? "" : String.format(" beside pgbench's %.0f tps", pg.tps()),
                    load.answered()
                            .size(),
                    counts[0], counts[1], load.failures(), sql.verdict(), sql.detail(), readCount);
        }
    }

    /** What one load did: each acknowledged transaction with the instant ({@code System.nanoTime()}) its answer arrived. */
    private record Load(Map<String, Long> answered, Map<String, Integer> failures, Histogram latency, double seconds) {}

    /** {@code clients} clients, each sending one credit at a time from its own sender to the receivers in turn, for {@code seconds}. */
    private Load load(int clients, int seconds) throws Exception {
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Histogram latency = Report.histogram();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Histogram>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Account from = senders.get(c);
                running.add(pool.submit(() -> {
                    Histogram own = Report.histogram();
                    while (System.nanoTime() < end) {
                        Account to = receivers.get(next.getAndIncrement() % receivers.size());
                        String body = CreditIssuanceApi.JSON.writeValueAsString(Map.of("fromAccount", from.number(), "toAccount", to.number(),
                                "quantity", 1));
                        long sent = System.nanoTime();
                        Answer a;
                        try {
                            a = api.send("POST", "/api/transfers", body);
                        } catch (IOException e) {
                            failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                            continue;
                        }
                        long answeredAt = System.nanoTime();
                        if (a.status() == 201) {
                            answered.put(CreditIssuanceApi.JSON.readTree(a.body()).path("id").asText(), answeredAt);
                            Report.record(own, (answeredAt - sent) / 1_000);
                        } else {
                            failures.merge("HTTP " + a.status(), 1, Integer::sum);
                        }
                    }
                    return own;
                }));
            }
            for (Future<Histogram> f : running) {
                latency.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return new Load(answered, failures, latency, seconds(start));
    }

    private long maxSeq() throws Exception {
        try (Connection c = postgres.adminConnection("bench");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT coalesce(max(seq), 0) FROM credit_issuance.ledger_transaction")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Internal transfers recorded after {@code seqBefore}, and how many of {@code acknowledged} the ledger has. */
    private long[] ledgerCounts(long seqBefore, Set<String> acknowledged) throws Exception {
        try (Connection c = postgres.adminConnection("bench");
                PreparedStatement recorded = c.prepareStatement(
                        "SELECT count(*) FROM credit_issuance.ledger_transaction WHERE type = 'INTERNAL_TRANSFER' AND seq > ?");
                PreparedStatement found = c.prepareStatement("SELECT count(*) FROM credit_issuance.ledger_transaction WHERE id = ANY(?)")) {
            recorded.setLong(1, seqBefore);
            found.setArray(1, c.createArrayOf("uuid", acknowledged.stream().map(UUID::fromString).toArray()));
            long[] counts = new long[2];
            try (ResultSet rs = recorded.executeQuery()) {
                rs.next();
                counts[0] = rs.getLong(1);
            }
            try (ResultSet rs = found.executeQuery()) {
                rs.next();
                counts[1] = rs.getLong(1);
            }
            return counts;
        }
    }

    /** Conservation by the benchmark's own SQL: per registry, issued = held + retired + cancelled (current blocks). */
    private record Conservation(boolean holds, String detail) {

        String verdict() {
            return holds ? "holds" : "BROKEN (" + detail + ")";
        }
    }

    private Conservation conservation() throws Exception {
        try (Connection c = postgres.adminConnection("bench"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                WITH issued AS (SELECT registry_code, sum(quantity) AS issued FROM credit_issuance.issuance_line GROUP BY 1),
                     current AS (
                         SELECT a.registry_code,
                                sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type IN ('GOVERNMENT_HOLDING', 'ENTITY_HOLDING')) AS held,
                                sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type = 'RETIREMENT') AS retired,
                                sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type = 'CANCELLATION') AS cancelled
                         FROM credit_issuance.unit_block b JOIN credit_issuance.account a ON a.id = b.account_id
                         WHERE b.closed_by IS NULL GROUP BY 1),
                     external AS (SELECT count(*) AS n FROM credit_issuance.ledger_transaction WHERE type = 'EXTERNAL_TRANSFER')
                SELECT coalesce(i.registry_code, c.registry_code), coalesce(i.issued, 0), coalesce(c.held, 0), coalesce(c.retired, 0),
                       coalesce(c.cancelled, 0), (SELECT n FROM external)
                FROM issued i FULL JOIN current c ON c.registry_code = i.registry_code ORDER BY 1""")) {
            boolean holds = true;
            List<String> parts = new ArrayList<>();
            while (rs.next()) {
                boolean ok = rs.getBigDecimal(2).equals(rs.getBigDecimal(3).add(rs.getBigDecimal(4)).add(rs.getBigDecimal(5)));
                // No external transfer in this benchmark: were there any, they would enter the balance as the service's check has it.
                ok &= rs.getLong(6) == 0;
                holds &= ok;
                parts.add(String.format("%s issued %,d = held %,d + retired %,d + cancelled %,d %s", rs.getString(1), rs.getBigDecimal(2)
                        .longValue(), rs.getBigDecimal(3).longValue(), rs.getBigDecimal(4).longValue(), rs.getBigDecimal(5).longValue(),
                        ok
                                ? "holds"
                                : "BROKEN"));
            }
            return new Conservation(holds, String.join("; ", parts));
        }
    }

    // --- 3. Auditor queries over ledgers of 10^5 and 10^6 transactions

    private void auditorQueries() throws Exception {
        BulkLedger bulk = new BulkLedger(db, CC, settings.bulkBatch(), settings.bulkWriters());
        List<UUID> bulkSenderIds = bulkSenders.stream().map(a -> UUID.fromString(a.id())).toList();
        List<UUID> bulkReceiverIds = bulkReceivers.stream().map(a -> UUID.fromString(a.id())).toList();
        int continued = 0;
        for (long size : settings.ledgerSizes()) {
            // All but one by SQL; the last through REST, from a bulk sender: the service carries on from the rows SQL wrote.
            BulkLedger.Growth growth = bulk.growTo(size - 1, bulkSenderIds, bulkReceiverIds);
            Account from = bulkSenders.get(continued++ % bulkSenders.size());
            JsonNode carriedOn = CreditIssuanceApi.JSON.readTree(CreditIssuanceApi.expect(api.send("POST", "/api/transfers", CreditIssuanceApi.JSON
                    .writeValueAsString(Map.of("fromAccount", from.number(), "toAccount", bulkReceivers.get(0).number(), "quantity", 1))), 201,
                    "a transfer from bulk sender " + from.number()).body());
            String label = label(size);
            Map<String, Long> made = ledgerMakeUp();
            Conservation sql = conservation();
            String makeUp = String.format("%,d by REST (%,d issuance transactions, %,d transfers) + %,d transfers by SQL", made.get("rest"),
                    made.get("restIssuances"), made.get("restTransfers"), made.get("sql"));
            String written = String.format("SQL: %,d written in %.0f s + VACUUM ANALYZE %.0f s; conservation (SQL): %s", growth.added(), growth
                    .writeSeconds(), growth.vacuumSeconds(), sql.verdict());
            Map<String, Object> numbers = data("transactions", made.get("total"), "byRest", made.get("rest"), "restIssuances", made.get(
                    "restIssuances"), "restTransfers", made.get("restTransfers"), "bySql", made.get("sql"), "sqlAddedNow", growth.added(),
                    "sqlWriteSeconds", round(growth.writeSeconds(), 1), "vacuumAnalyzeSeconds", round(growth.vacuumSeconds(), 1));
            numbers.putAll(data("blockRows", made.get("blocks"), "conservationHolds", sql.holds(), "conservation", sql.detail(),
                    "restTransferAfterSql", carriedOn.path("id").asText()));
            report.row(QUERIES, "ledger of " + label + " transactions", makeUp, written, null, numbers);
            System.out.printf("  ledger of %,d transactions: %,d added by SQL in %.1f s (+ VACUUM ANALYZE %.1f s), then one through REST from %s"
                    + " (closed block %s); conservation %s (%s)%n", made.get("total"), growth.added(), growth.writeSeconds(), growth.vacuumSeconds(),
                    from.number(), carriedOn.path("closedBlocks"), sql.verdict(), sql.detail());

            Instant middle = middleInstant();
            String asOf = URLEncoder.encode(middle.toString(), StandardCharsets.UTF_8);
            List<Long> serials = movedSerials(settings.queries() + settings.queryWarmUp());
            Measured floor = measure(i -> "/api/registries/" + CC, null);
            String limit = "GET /api/registries/" + CC + ": " + Report.p50p95p99(floor.latency());
            queryRow(label, "issuance history, first page of 100", measure(i -> "/api/issuances?country=" + CC + "&limit=100", null), null, floor,
                    limit);
            queryRow(label, "issuance history, one project's page", measure(i -> "/api/issuances?country=" + CC + "&project=" + CC
                    + "001&limit=100", null), null, floor, limit);
            queryRow(label, "lineage of a random transferred serial", measure(i -> "/api/blocks?registry=" + CC + "&serial=" + serials.get(i
                    % serials.size()), n -> n.path("steps").size()), "steps", floor, limit);
            queryRow(label, "holdings as of mid-ledger, a receiver", measure(i -> "/api/accounts/" + bulkReceivers.get(i % bulkReceivers.size())
                    .id() + "/holdings?asOf=" + asOf, n -> n.path("blocks").size()), "blocks", floor, limit);
            queryRow(label, "holdings as of mid-ledger, a sender", measure(i -> "/api/accounts/" + bulkSenders.get(i % bulkSenders.size()).id()
                    + "/holdings?asOf=" + asOf, n -> n.path("blocks").size()), "blocks", floor, limit);
        }
    }

    private void queryRow(String ledger, String what, Measured m, String unit, Measured floor, String limit) {
        double ratio = m.latency().getValueAtPercentile(50) / (double) floor.latency().getValueAtPercentile(50);
        String value = Report.p50p95p99(m.latency()) + (unit == null ? "" : String.format(" (mean %.1f %s)", m.meanSize(), unit));
        Map<String, Object> numbers = data("ledger", ledger, "query", what, "latency", Report.percentiles(m.latency()), "meanSize", unit == null
                ? null
                : round(m.meanSize(), 1), "sizeUnit", unit, "floor", Report.percentiles(floor.latency()));
        report.row(QUERIES, String.format("  %s: %s", ledger, what), value, limit, String.format("x%.1f at p50", ratio), numbers);
    }

    /** A query's latencies (µs) and the mean size of its answers (steps or blocks). */
    private record Measured(Histogram latency, double meanSize) {}

    /** One client: {@code jcm.bench.query-warmup} requests, then {@code jcm.bench.queries} timed; request {@code i} reads {@code path(i)}. */
    private Measured measure(IntFunction<String> path, ToIntFunction<JsonNode> size) throws Exception {
        Histogram h = Report.histogram();
        long sizes = 0;
        for (int i = 0; i < settings.queryWarmUp() + settings.queries(); i++) {
            String p = path.apply(i);
            long start = System.nanoTime();
            Answer a = api.get(p);
            long micros = (System.nanoTime() - start) / 1_000;
            CreditIssuanceApi.expect(a, 200, p);
            if (i >= settings.queryWarmUp()) {
                Report.record(h, micros);
                sizes += size == null ? 0 : size.applyAsInt(CreditIssuanceApi.JSON.readTree(a.body()));
            }
        }
        return new Measured(h, settings.queries() == 0 ? 0 : sizes / (double) settings.queries());
    }

    /** How the ledger was made: transactions by REST (issuances, transfers) and by SQL, and its block rows. */
    private Map<String, Long> ledgerMakeUp() throws Exception {
        try (Connection c = postgres.adminConnection("bench"); PreparedStatement p = c.prepareStatement("""
                SELECT count(*), count(*) FILTER (WHERE actor = ?), count(*) FILTER (WHERE actor <> ? AND type = 'ISSUANCE'),
                       count(*) FILTER (WHERE actor <> ? AND type = 'INTERNAL_TRANSFER'),
                       (SELECT count(*) FROM credit_issuance.unit_block)
                FROM credit_issuance.ledger_transaction""")) {
            p.setString(1, BulkLedger.ACTOR);
            p.setString(2, BulkLedger.ACTOR);
            p.setString(3, BulkLedger.ACTOR);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Map<String, Long> m = new LinkedHashMap<>();
                m.put("total", rs.getLong(1));
                m.put("sql", rs.getLong(2));
                m.put("rest", rs.getLong(1) - rs.getLong(2));
                m.put("restIssuances", rs.getLong(3));
                m.put("restTransfers", rs.getLong(4));
                m.put("blocks", rs.getLong(5));
                return m;
            }
        }
    }

    /** The time of the ledger's middle transaction (by sequence): the instant holdings are asked for. */
    private Instant middleInstant() throws Exception {
        try (Connection c = postgres.adminConnection("bench"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT at FROM credit_issuance.ledger_transaction ORDER BY seq
                OFFSET (SELECT count(*) / 2 FROM credit_issuance.ledger_transaction) LIMIT 1""")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** A uniform sample of serials that internal transfers moved (through REST or SQL). */
    private List<Long> movedSerials(int n) throws Exception {
        try (Connection c = postgres.adminConnection("bench"); PreparedStatement p = c.prepareStatement("""
                SELECT lower(serials) FROM credit_issuance.unit_block WHERE registry_code = ? AND origin = 'MOVED' ORDER BY random() LIMIT ?""")) {
            p.setString(1, CC);
            p.setInt(2, n);
            List<Long> serials = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    serials.add(rs.getLong(1));
                }
            }
            return serials;
        }
    }

    private static String serverSettings(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.adminConnection("bench"); Statement s = c.createStatement()) {
            List<String> settings = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                settings.add("PostgreSQL " + rs.getString(1));
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

    /** Runs {@code task(0..total-1)} on {@code threads} threads, each taking the next index; fails on the first failure. */
    private static void parallel(int threads, int total, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        try {
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> parallelMap(int threads, int total, Mapper<T> mapper) throws Exception {
        List<AtomicReference<T>> results = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            results.add(new AtomicReference<>());
        }
        parallel(threads, total, i -> results.get(i).set(mapper.apply(i)));
        return results.stream().map(AtomicReference::get).toList();
    }

    private static <T> List<List<T>> groups(List<T> all, int size) {
        List<List<T>> groups = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            groups.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return groups;
    }

    private static Map<String, Object> settingsMap(Settings s) {
        return data("clients", s.clients(), "loadSeconds", s.loadSeconds(), "warmUpSeconds", s.warmUpSeconds(), "pgbenchSeconds", s
                .pgbenchSeconds(), "pgbenchScale", s.pgbenchScale(), "repetitions", s.repetitions(), "issuanceSizes", s.issuanceSizes(), "history",
                s.history(), "receivers", s.receivers(), "funding", s.funding(), "ledgerSizes", s.ledgerSizes(), "bulkSenders", s.bulkSenders(),
                "bulkReceivers", s.bulkReceivers(), "bulkFunding", s.bulkFunding(), "bulkBatch", s.bulkBatch(), "bulkWriters", s.bulkWriters(),
                "queries", s.queries(),
                "queryWarmUp", s.queryWarmUp(), "roundTrips", s.roundTrips(), "allServices", s.allServices(), "durable", s.durable(),
                "serviceHeap", s.serviceHeap(), "otherServicesHeap", s.otherServicesHeap());
    }

    /** An ordered map of alternating keys and values (nulls allowed, unlike Map.of). */
    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** 1, 10^3, 10^6, 10^9 as an auditor reads them. */
    private static String label(long n) {
        if (n >= 1_000 && Long.toString(n).matches("10*")) {
            return "10^" + (Long.toString(n).length() - 1);
        }
        return String.format("%,d", n);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
