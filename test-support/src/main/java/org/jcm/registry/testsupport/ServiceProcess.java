package org.jcm.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One registry service running as its own JVM from its packaged Quarkus application, configured only through
 * environment variables, as in a container.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The three services, their schemas and default ports. */
    public enum Service {

        COUNTRY_ONBOARDING("country-onboarding", "country_onboarding", 8081),
        PROJECT_REGISTRY("project-registry", "project_registry", 8082),
        CREDIT_ISSUANCE("credit-issuance", "credit_issuance", 8083);

        public final String dir;
        public final String schema;
        public final int defaultPort;

        Service(String dir, String schema, int defaultPort) {
            this.dir = dir;
            this.schema = schema;
            this.defaultPort = defaultPort;
        }
    }

    /** The public site's module: it reads the services' public endpoints and holds no data (no database, no Kafka). */
    public static final String SITE = "public-site";
    public static final int SITE_PORT = 8084;

    private final Service service;
    private final String dir;
    private final Path repoRoot;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private final String heap;
    private Process process;

    public ServiceProcess(Service service, Path repoRoot, int port, Map<String, String> env, Path log, String heap) {
        this(service, service.dir, repoRoot, port, env, log, heap);
    }

    private ServiceProcess(Service service, String dir, Path repoRoot, int port, Map<String, String> env, Path log, String heap) {
        this.service = service;
        this.dir = dir;
        this.repoRoot = repoRoot;
        this.port = port <= 0 ? Ports.free() : port;
        this.env = Map.copyOf(env);
        this.log = log;
        this.heap = heap;
    }

    /** The public site ({@link #SITE}), reading project-registry and credit-issuance at these addresses. */
    public static ServiceProcess site(Path repoRoot, int port, String projectRegistryUrl, String creditIssuanceUrl, Map<String, String> env,
            Path log) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JCM_SITE_PROJECT_REGISTRY_URL", projectRegistryUrl);
        all.put("JCM_SITE_CREDIT_ISSUANCE_URL", creditIssuanceUrl);
        return new ServiceProcess(null, SITE, repoRoot, port, all, log, "128m");
    }

    /**
     * The environment a service needs: its own database role and schema, the broker, and its own Kafka user (SCRAM-SHA-512,
     * see {@link KafkaAccess}), whose password the platform's configuration reads from {@code JCM_KAFKA_PASSWORD}.
     */
    public static Map<String, String> environment(PostgresServer.ServiceDatabase db, String kafkaBootstrap, KafkaCredentials kafka) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.username(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "QUARKUS_FLYWAY_USERNAME", db.ownerUsername(),
                "QUARKUS_FLYWAY_PASSWORD", db.ownerPassword(),
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "JCM_KAFKA_USERNAME", kafka.username(),
                "JCM_KAFKA_PASSWORD", kafka.password());
    }

    /**
     * The environment that makes a service sign its event log's checkpoints with the Ed25519 key pair kept in {@code keyDir}
     * ({@code signing-key.pem}, {@code signing-key.pub.pem}), made there first if it is not.
     */
    public static Map<String, String> signingCheckpoints(Path keyDir) {
        Path[] files = AuditSigningKeys.ensure(keyDir);
        return Map.of("JCM_AUDIT_SIGNING_KEY", files[0].toAbsolutePath().toString(), "JCM_AUDIT_PUBLIC_KEY", files[1].toAbsolutePath().toString());
    }

    /** The environment that makes a service trust the bearer tokens of {@code issuer}, signed by the key {@code publicKeyPem}. */
    public static Map<String, String> trusting(Path publicKeyPem, String issuer) {
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKeyPem.toAbsolutePath().toString(), "MP_JWT_VERIFY_ISSUER", issuer);
    }

    public ServiceProcess start() {
        Path jar = repoRoot.resolve(dir).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -DskipTests install)");
        }
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-XX:+UseSerialGC"));
            // C1 only starts a service faster on two cores; a benchmark wants the full JIT (-Djcm.service.quick-start=false).
            if (Boolean.parseBoolean(System.getProperty("jcm.service.quick-start", "true"))) {
                command.add("-XX:TieredStopAtLevel=1");
            }
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repoRoot.resolve(dir).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service reports ready (database migrated, Kafka channels up). */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(dir + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(dir + " was not ready within " + timeout + "; see " + log);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The service, or null for the public site. */
    public Service service() {
        return service;
    }

    /** Its module's directory, e.g. {@code credit-issuance} or {@code public-site}. */
    public String dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    /** The service's JVM (the child process itself: {@code java -jar}, no wrapper), e.g. to read its memory from /proc. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(dir + " was not started");
        }
        return process.pid();
    }

    /** Its log file, where Quarkus writes "started in". */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * {@code kill -9} (SIGKILL): the process ends at once, mid-request and mid-transaction, without leaving its consumer
     * groups; the database rolls back what it had not committed.
     */
    public void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the service to stop (SIGTERM: it leaves its consumer groups cleanly) and waits for it. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
