package org.jcm.registry.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: one real Kafka broker and one real PostgreSQL server per test JVM (not per test
 * class), and a fresh database for the service under test, owned by the service's own role.
 *
 * <p>Use with the init argument {@code schema} naming the service's schema. What the tests need to reach
 * the same infrastructure behind the service's back is published as system properties (see {@link TestInfra}).
 *
 * <p>The broker authenticates every client (SCRAM-SHA-512) and authorizes it by {@link KafkaAccess}: the service under
 * test connects as its own Kafka user, with a password generated for this JVM.
 */
public class JcmTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static final Object LOCK = JcmTestInfrastructure.class.getName().intern();

    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.getOrDefault("schema", "test_service");
    }

    @Override
    public Map<String, String> start() {
        PostgresServer.ServiceDatabase db = ensureStarted(schema);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.username());
        config.put("quarkus.datasource.password", db.password());
        config.put("quarkus.flyway.username", db.ownerUsername());
        config.put("quarkus.flyway.password", db.ownerPassword());
        config.put("kafka.bootstrap.servers", kafkaBootstrap());
        // The service runs as its own Kafka user, with its real ACLs (KafkaAccess), not as the broker's admin.
        KafkaCredentials kafka = TestInfra.serviceCredentials(KafkaAccess.Service.ofSchema(schema).user);
        config.put("jcm.kafka.username", kafka.username());
        config.put("jcm.kafka.password", kafka.password());
        // The services trust this JVM's test issuer (Api.tokens()): tests mint their own tokens, security stays on.
        config.put("mp.jwt.verify.publickey.location", Path.of(System.getProperty(TestInfra.JWT_KEY_DIR), "jwt-public.pem").toString());
        config.put("mp.jwt.verify.issuer", Api.ISSUER);
        // It signs its log's checkpoints with this JVM's test key pair (AuditSigningKeys), as the launcher gives each service its own.
        Path[] auditKeys = AuditSigningKeys.ensure(Path.of(System.getProperty(TestInfra.JWT_KEY_DIR)).resolveSibling("audit"));
        config.put("jcm.audit.signing-key", auditKeys[0].toString());
        config.put("jcm.audit.public-key", auditKeys[1].toString());
        return config;
    }

    /**
     * Starts the broker and the server once per JVM. Quarkus loads test resources in a new class loader each time
     * it restarts the application (another test profile, say), so "once" is kept in system properties, which
     * every class loader shares, not in static fields.
     */
    static PostgresServer.ServiceDatabase ensureStarted(String schema) {
        synchronized (LOCK) {
            if (System.getProperty(TestInfra.KAFKA_BOOTSTRAP) == null) {
                Path root = Path.of(System.getProperty("java.io.tmpdir"), "jcm-infra-" + ProcessHandle.current().pid());
                PostgresServer postgres = PostgresServer.startOrConnect(root.resolve("postgres"), 0, true);
                KafkaBroker broker = KafkaBroker.startOrConnect(root.resolve("kafka"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    postgres.close();
                }, "jcm-test-infrastructure-stop"));
                System.setProperty(TestInfra.PG_ADMIN_URL, postgres.adminUrl());
                if (postgres.isEmbedded()) {
                    System.setProperty(TestInfra.PG_DATA_DIR, root.resolve("postgres").toAbsolutePath().toString());
                }
                System.setProperty(TestInfra.PG_ADMIN_USER, postgres.adminUser());
                System.setProperty(TestInfra.PG_ADMIN_PASSWORD, postgres.adminPassword());
                TestInfra.useKafka(broker);
                // Every service's topics exist before any service subscribes: a consumer may read a topic it may not create.
                KafkaAccess.createTopics(broker, KafkaAccess.serviceTopics(), 3);
                Tokens.writeKeyPair(root.resolve("jwt"));
                System.setProperty(TestInfra.JWT_KEY_DIR, root.resolve("jwt").toAbsolutePath().toString());
            }
            PostgresServer postgres = PostgresServer.connect(System.getProperty(TestInfra.PG_ADMIN_URL),
                    System.getProperty(TestInfra.PG_ADMIN_USER), System.getProperty(TestInfra.PG_ADMIN_PASSWORD));
            String existing = System.getProperty(TestInfra.PG_DATABASE_URL + "." + schema);
            if (existing != null) {
                return PostgresServer.ServiceDatabase.of(existing, schema);
            }
            PostgresServer.ServiceDatabase db = postgres.provisionService(postgres.createDatabase(schema + "_test"), schema, schema);
            System.setProperty(TestInfra.PG_DATABASE_URL + "." + schema, db.jdbcUrl());
            return db;
        }
    }

    static String kafkaBootstrap() {
        return System.getProperty(TestInfra.KAFKA_BOOTSTRAP);
    }

    @Override
    public void stop() {
        // The broker and the server outlive one test class: they stop with the JVM.
    }
}
