package org.jcm.registry.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole registry on one machine without Docker: a Kafka broker (KRaft) and a PostgreSQL server, both
 * keeping their data under {@code .jcm-local/} between runs (or external ones named by
 * {@code JCM_KAFKA_BOOTSTRAP_SERVERS} and {@code JCM_POSTGRES_URL}), then the three services with bounded heaps.
 * Ctrl-C stops the services first, then the broker, then the database.
 *
 * <p>Kafka clients authenticate (SCRAM-SHA-512) and are authorized by {@link KafkaAccess}: one user per service, one
 * per partner country of {@code JCM_PARTNERS} (default MN, VN, TH). Their passwords are generated on first start and
 * kept in {@code .jcm-local/kafka-credentials.properties} (mode 600); each partner's client settings are written to
 * {@code .jcm-local/kafka-clients/partner-{cc}.properties} and printed.
 */
public final class LocalRegistry {

    /** Partitions of every topic the launcher creates, as in docker-compose.yml. */
    private static final int PARTITIONS = 3;

    private LocalRegistry() {}

    public static void main(String[] args) throws InterruptedException {
        Path repo = Path.of(System.getProperty("jcm.repo", ".")).toAbsolutePath().normalize();
        Path home = repo.resolve(".jcm-local");
        int kafkaPort = Integer.getInteger("jcm.kafka.port", 9092);
        int postgresPort = Integer.getInteger("jcm.postgres.port", 15432);
        String heap = System.getProperty("jcm.service.heap", "256m");
        // The partner countries whose systems may connect: each gets its two topics, its Kafka user and its ACLs.
        List<String> partners = KafkaAccess.partners(
                System.getProperty("jcm.partners", System.getenv().getOrDefault("JCM_PARTNERS", String.join(",", KafkaAccess.EXAMPLE_PARTNERS))));
        // Kafka passwords are generated once and kept next to the broker's data, so that kept data and kept passwords agree.
        Path passwordFile = home.resolve("kafka-credentials.properties");
        Properties passwords = loadPasswords(passwordFile);
        KafkaCredentials admin = credentials(passwords, KafkaAccess.ADMIN);
        Map<ServiceProcess.Service, KafkaCredentials> serviceUsers = new EnumMap<>(ServiceProcess.Service.class);
        for (ServiceProcess.Service s : ServiceProcess.Service.values()) {
            serviceUsers.put(s, credentials(passwords, s.dir));
        }
        Map<String, KafkaCredentials> partnerUsers = new LinkedHashMap<>();
        partners.forEach(cc -> partnerUsers.put(cc, credentials(passwords, KafkaAccess.partnerUser(cc))));
        savePasswords(passwordFile, passwords);

        System.out.println("Starting PostgreSQL (data in " + home.resolve("postgres") + ") ...");
        PostgresServer postgres = PostgresServer.startOrConnect(home.resolve("postgres"), postgresPort, false);
        System.out.println("Starting Kafka (logs in " + home.resolve("kafka") + ") ...");
        KafkaBroker broker = KafkaBroker.startOrConnect(home.resolve("kafka"), kafkaPort, admin);

        postgres.createDatabaseIfAbsent("jcm");
        List<ServiceProcess> services = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the services ...");
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            System.out.println("Stopping Kafka ...");
            broker.close();
            System.out.println("Stopping PostgreSQL ...");
            postgres.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "jcm-local-stop"));

        System.out.println("Provisioning Kafka topics, users and ACLs (passwords in " + repo.relativize(passwordFile) + ") ...");
        Path clients = home.resolve("kafka-clients");
        writeClientSettings(clients.resolve("admin.properties"), broker.bootstrapServers(), broker.adminCredentials());
        for (ServiceProcess.Service s : ServiceProcess.Service.values()) {
            KafkaAccess.provisionService(broker, KafkaAccess.Service.named(s.dir), serviceUsers.get(s), PARTITIONS);
        }
        for (Map.Entry<String, KafkaCredentials> p : partnerUsers.entrySet()) {
            KafkaAccess.provisionPartner(broker, p.getKey(), p.getValue(), PARTITIONS);
            writeClientSettings(clients.resolve(p.getValue().username() + ".properties"), broker.bootstrapServers(), p.getValue());
        }

        // The launcher is its own token issuer: a key pair made once under .jcm-local/jwt/, whose public half the services
        // trust; deploy/token.sh mints development tokens with the private half.
        Tokens.writeKeyPair(home.resolve("jwt"));
        // Services answer on this machine only, unless told otherwise (JCM_BIND_HOST=0.0.0.0).
        String bindHost = System.getenv().getOrDefault("JCM_BIND_HOST", "127.0.0.1");
        for (ServiceProcess.Service s : ServiceProcess.Service.values()) {
            PostgresServer.ServiceDatabase db = postgres.provisionService("jcm", s.schema, s.schema);
            Map<String, String> env = new java.util.HashMap<>(ServiceProcess.environment(db, broker.bootstrapServers(), serviceUsers.get(s)));
            env.putAll(ServiceProcess.trusting(home.resolve("jwt").resolve("jwt-public.pem"), DevToken.ISSUER));
            // Each service signs its log's checkpoints with a key of its own, made once under .jcm-local/audit/<service>/.
            env.putAll(ServiceProcess.signingCheckpoints(home.resolve("audit").resolve(s.dir)));
            env.put("QUARKUS_HTTP_HOST", bindHost);
            ServiceProcess process = new ServiceProcess(s, repo, s.defaultPort, env, home.resolve("logs").resolve(s.dir + ".log"), heap);
            services.add(process);
            System.out.println("Starting " + s.dir + " on " + process.baseUrl() + " (log: .jcm-local/logs/" + s.dir + ".log) ...");
            process.start();
        }
        for (ServiceProcess p : services) {
            p.awaitReady(Duration.ofMinutes(3));
        }
        // The public pages read the two services' public endpoints: started once they answer.
        java.util.function.Function<ServiceProcess.Service, String> url = s -> services.stream().filter(p -> p.service() == s).findFirst()
                .orElseThrow()
                .baseUrl();
        ServiceProcess site = ServiceProcess.site(repo, ServiceProcess.SITE_PORT, url.apply(ServiceProcess.Service.PROJECT_REGISTRY),
                url.apply(ServiceProcess.Service.CREDIT_ISSUANCE),
                Map.of("QUARKUS_HTTP_HOST", bindHost), home.resolve("logs").resolve(ServiceProcess.SITE + ".log"));
        services.add(site);
        System.out
                .println("Starting " + ServiceProcess.SITE + " on " + site.baseUrl() + " (log: .jcm-local/logs/" + ServiceProcess.SITE + ".log) ...");
        site.start().awaitReady(Duration.ofMinutes(2));

        System.out.println();
        System.out.println("The JCM Registry is running:");
        for (ServiceProcess p : services) {
            if (p.service() != null) {
                System.out.printf("  %-19s %s/q/swagger-ui   (OpenAPI: %s/q/openapi)%n", p.dir(), p.baseUrl(), p.baseUrl());
            }
        }
        System.out.printf("  %-19s %s/   (the public pages: registries, projects, issuances, retirements, serials; ?lang=ja)%n", ServiceProcess.SITE,
                site.baseUrl());
        System.out.println("  Kafka               " + broker.bootstrapServers() + "  (SASL_PLAINTEXT, SCRAM-SHA-512; admin settings: "
                + repo.relativize(clients.resolve("admin.properties")) + ")");
        System.out.println("  PostgreSQL          " + postgres.jdbcUrl("jcm") + " (per service: a schema, its owner role and the service's role)");
        System.out.println();
        System.out.println("Partner systems on Kafka (each may write only its inbound topic and read only its outbound topic):");
        for (KafkaCredentials p : partnerUsers.values()) {
            System.out.printf("  %-11s password %s  settings: %s%n", p.username(), p.password(),
                    repo.relativize(clients.resolve(p.username() + ".properties")));
        }
        System.out.println("  (another partner country: JCM_PARTNERS=" + String.join(",", partners) + ",<CC> deploy/run-local.sh)");
        System.out.println();
        System.out.println("Every API call but the public reads needs a bearer token (listening on " + bindHost + "; JCM_BIND_HOST to change):");
        System.out.println("  TOKEN=$(deploy/token.sh operator)                 # or: partner --country TH, participant --participant PP-TH-0001,");
        System.out.println("                                                    #     auditor, operator --country TH (bound to one country)");
        System.out
                .println("Try: curl -s -X POST localhost:8081/api/countries -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                        + "-d '{\"code\":\"TH\",\"name\":\"Thailand\"}'");
        System.out.println("Auditors: each service signs checkpoints of its event log (keys: .jcm-local/audit/<service>/); check them offline with");
        System.out.println(
                "  java -jar audit-proofs/target/jcm-audit-verifier.jar --help   (walk-through: README.md, \"Auditing the registry offline\")");
        System.out.println("Press Ctrl-C to stop (services first, then Kafka, then PostgreSQL).");
        stopped.await();
    }

    private static Properties loadPasswords(Path file) {
        Properties passwords = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                passwords.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return passwords;
    }

    /** The user's kept password, or a new random one (kept from now on). */
    private static KafkaCredentials credentials(Properties passwords, String user) {
        String password = passwords.getProperty(user);
        if (password == null) {
            KafkaCredentials fresh = KafkaCredentials.random(user);
            passwords.setProperty(user, fresh.password());
            return fresh;
        }
        return new KafkaCredentials(user, password);
    }

    private static void savePasswords(Path file, Properties passwords) {
        StringBuilder out = new StringBuilder("# Kafka users of the local registry and their SCRAM-SHA-512 passwords, generated on first start and\n"
                + "# kept with the broker's data (.jcm-local/kafka). Delete both to start afresh.\n");
        passwords.stringPropertyNames().stream().sorted()
                .forEach(user -> out.append(user).append('=').append(passwords.getProperty(user)).append('\n'));
        PrivateFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Client settings of one user, for the Kafka command-line tools ({@code --command-config}, {@code --producer.config}). */
    private static void writeClientSettings(Path file, String bootstrapServers, KafkaCredentials user) {
        String settings = "# Kafka client settings of " + user.username() + " (written by the launcher at each start)\n"
                + "bootstrap.servers=" + bootstrapServers + "\n"
                + "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=" + KafkaAccess.MECHANISM + "\n"
                + "sasl.jaas.config=" + user.jaasConfig() + "\n";
        PrivateFiles.write(file, settings.getBytes(StandardCharsets.UTF_8));
    }
}
