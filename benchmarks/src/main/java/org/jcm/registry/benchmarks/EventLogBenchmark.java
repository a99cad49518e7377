package org.jcm.registry.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcm.registry.testsupport.KafkaAccess;
import org.jcm.registry.testsupport.KafkaBroker;
import org.jcm.registry.testsupport.KafkaCredentials;
import org.jcm.registry.testsupport.PostgresServer;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.Tokens;

/**
 * How fast does a business change become a committed, chained and published event, compared with what the
 * same PostgreSQL server commits when nothing but an insert happens?
 *
 * <ol>
 *   <li>Baseline: {@code clients} threads each committing single-row inserts (a row the size of an event)
 *       straight over JDBC.</li>
 *   <li>The registry: the packaged country-onboarding service, driven over HTTP by {@code clients} threads
 *       through four lifecycle steps per country (each step: a locked read, an update and an event-log append
 *       in one transaction); then the time until the relay has chained and published every event.</li>
 *   <li>Steady state: once the JIT has seen the write path, {@code jcm.bench.designations} TPE designations
 *       (a locked read, an insert and an event-log append each) spread over the same countries.</li>
 * </ol>
 */
public final class EventLogBenchmark {

    private static final String ISSUER = "urn:jcm:benchmark";
    private static String operatorToken;

    private EventLogBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int countries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path repo = Path.of(System.getProperty("jcm.repo", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory(repo.resolve("benchmarks/target"), "run-");

        List<String> codes = Arrays.stream(Locale.getISOCountries()).filter(c -> !c.equals("JP")).limit(countries).toList();
        System.out.printf("EventLogBenchmark: %d clients, %d countries (%d business transactions), %d cores%n", clients, codes.size(),
                codes.size() * 4, Runtime.getRuntime().availableProcessors());

        try (PostgresServer postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, true);
                KafkaBroker broker = KafkaBroker.startOrConnect(work.resolve("kafka"), 0)) {
            postgres.createDatabaseIfAbsent("bench");
            PostgresServer.ServiceDatabase db = postgres.provisionService("bench", "country_onboarding", "country_onboarding");

            // The baseline writes as a role of its own into a schema of its own: same server, same kind of connection.
            double baseline = rawInserts(postgres.provisionService("bench", "bench_baseline", "bench_baseline"), clients, codes.size() * 4);
            System.out.printf("  raw PostgreSQL: %8.0f single-row commits/s%n", baseline);

            // Extra service settings for a variant, e.g. -Djcm.bench.service-env=JCM_EVENT_LOG_RELAY_ON_COMMIT=false
            // country-onboarding as its own Kafka user, with its real ACLs.
            KafkaCredentials kafka = KafkaCredentials.random(KafkaAccess.Service.COUNTRY_ONBOARDING.user);
            KafkaAccess.provisionService(broker, KafkaAccess.Service.COUNTRY_ONBOARDING, kafka, 3);
            java.util.Map<String, String> env = new java.util.HashMap<>(ServiceProcess.environment(db, broker.bootstrapServers(), kafka));
            // Requests carry an operator's bearer token from an issuer of the benchmark's own, as every caller's must.
            Tokens.writeKeyPair(work.resolve("jwt"));
            env.putAll(ServiceProcess.trusting(work.resolve("jwt").resolve("jwt-public.pem"), ISSUER));
            env.putAll(ServiceProcess.signingCheckpoints(work.resolve("audit")));
            operatorToken = Tokens.issuer(work.resolve("jwt").resolve("jwt-private.pem"), ISSUER).token("benchmark-operator", java.util.List.of(
                    "operator"), null, null, Duration.ofHours(2));
            for (String kv : System.getProperty("jcm.bench.service-env", "").split(",")) {
                if (kv.contains("=")) {
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    System.out.println("  service setting: " + kv);
                }
            }
            try (ServiceProcess service = new ServiceProcess(ServiceProcess.Service.COUNTRY_ONBOARDING, repo, 0, env,
                    work.resolve("country-onboarding.log"), "512m")) {
                service.start().awaitReady(Duration.ofMinutes(3));
                warmUp(service);
                long start = System.nanoTime();
                runLifecycles(service, clients, codes);
                double writeSeconds = seconds(start);
                awaitRelayed(service, codes.size() * 4 + 1); // and Japan's
                double relayedSeconds = seconds(start);
                double tps = codes.size() * 4 / writeSeconds;
                System.out.printf("  country-onboarding: %8.0f business transactions/s over HTTP (%.0f%% of raw commits)%n", tps,
                        100 * tps / baseline);
                System.out.printf("  all %d events chained and published %.2f s after the first request (%.2f s after the last)%n",
                        codes.size() * 4, relayedSeconds, relayedSeconds - writeSeconds);

                // The HTTP path alone (JSON, REST, one read transaction), same clients: what a write costs on top of it.
                double readsPerSecond = reads(service, clients, codes, 4000);
                System.out.printf("  reads:        %8.0f GET /api/countries/{code} per second over HTTP%n", readsPerSecond);

                // Steady state: the JIT has seen the write path; TPE designations can be repeated as often as needed.
                int designations = Integer.getInteger("jcm.bench.designations", 4000);
                long steadyStart = System.nanoTime();
                designate(service, clients, codes, designations);
                double steadySeconds = seconds(steadyStart);
                awaitRelayed(service, codes.size() * 4 + 1 + designations);
                double steadyRelayed = seconds(steadyStart);
                double steadyTps = designations / steadySeconds;
                System.out.printf("  steady state: %8.0f TPE designations/s over HTTP (%.0f%% of raw commits); all published %.2f s after the last%n",
                        steadyTps, 100 * steadyTps / baseline, steadyRelayed - steadySeconds);
            }
        }
    }

    /** The baseline's own table, written as its schema's owner (a service's role may create nothing). */
    private static double rawInserts(PostgresServer.ServiceDatabase db, int clients, int total) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword()); Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS bench_baseline (id uuid PRIMARY KEY, aggregate_id text, message text, at timestamptz DEFAULT now())");
        }
        String message = "x".repeat(900);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger left = new AtomicInteger(total);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword());
                        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_baseline (id, aggregate_id, message) VALUES (?, ?, ?)")) {
                    while (left.getAndDecrement() > 0) {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setString(2, "XX");
                        ps.setString(3, message);
                        ps.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return total / seconds(start);
    }

    private static void warmUp(ServiceProcess service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 50; i++) {
            http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/countries/JP")).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void runLifecycles(ServiceProcess service, int clients, List<String> codes) throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (String code : codes) {
            futures.add(pool.submit(() -> {
                String alpha3 = new Locale("", code).getISO3Country();
                post(http, service, "/api/countries", "{\"code\":\"" + code + "\",\"name\":\"Country " + code + "\"}", 201);
                post(http, service, "/api/countries/" + code + "/bilateral-document", "{\"signedOn\":\"2020-01-01\"}", 200);
                post(http, service, "/api/countries/" + code + "/joint-committee", "{\"establishedOn\":\"2020-01-02\"}", 200);
                post(http, service, "/api/countries/" + code + "/activation",
                        "{\"activatedOn\":\"2020-01-03\",\"registryCode\":\"" + code + "\",\"article6RegistryId\":\"" + alpha3 + "01\"}", 200);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        httpThreads.shutdown();
    }

    private static double reads(ServiceProcess service, int clients, List<String> codes, int total) throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    HttpResponse<String> r = http
                            .send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/countries/" + codes.get(i % codes.size())))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("GET answered " + r.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double perSecond = total / seconds(start);
        pool.shutdown();
        httpThreads.shutdown();
        return perSecond;
    }

    private static void designate(ServiceProcess service, int clients, List<String> codes, int total) throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String code = codes.get(i % codes.size());
                    post(http, service, "/api/countries/" + code + "/tpes", "{\"tpeId\":\"TPE-" + i + "\",\"name\":\"Verifier " + i
                            + "\",\"sectoralScopes\":[1,3],\"designatedOn\":\"2020-02-01\"}", 201);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        httpThreads.shutdown();
    }

    private static void post(HttpClient http, ServiceProcess service, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Waits until the chain holds at least {@code entries} entries, none waiting, all published. */
    private static void awaitRelayed(ServiceProcess service, int entries) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String verify = http.send(
                    HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/audit/verify")).header("Authorization", "Bearer " + operatorToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String page = http
                    .send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/audit/events?after=" + (entries - 1) + "&limit=1000")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (verify.contains("\"entriesAwaitingChain\":0") && verify.contains("\"valid\":true") && !page.contains("\"publishedAt\":null")
                    && !page.contains("\"entries\":[]")) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new IllegalStateException("The relay did not catch up within 5 minutes");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
