package org.jcm.registry.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller) running in this JVM, or an external
 * broker named by {@code JCM_KAFKA_BOOTSTRAP_SERVERS}. The broker is the same code a production cluster runs, at
 * exactly the kafka-clients version the Quarkus BOM pins.
 *
 * <p>Every client authenticates: the client listener speaks SASL_PLAINTEXT with SCRAM-SHA-512 only, and the
 * broker authorizes with {@code StandardAuthorizer} and {@code allow.everyone.if.no.acl.found=false}, so a user can do
 * only what {@link KafkaAccess} grants it. The super user (the broker operator) is {@link #adminCredentials()}: its
 * SCRAM credential is written into the metadata log when the storage is formatted. The controller listener, which
 * KRaft cannot secure with SCRAM (the credentials live in the metadata the controller serves), takes SASL PLAIN with
 * the same super user only, from a static JAAS configuration; no listener accepts an unauthenticated client.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String EXTERNAL_ENV = "JCM_KAFKA_BOOTSTRAP_SERVERS";
    /** The super user of an external broker (default {@code admin}), who may create users, ACLs and topics. */
    public static final String EXTERNAL_ADMIN_USER_ENV = "JCM_KAFKA_ADMIN_USERNAME";
    /** Its SCRAM-SHA-512 password: required with an external broker. */
    public static final String EXTERNAL_ADMIN_PASSWORD_ENV = "JCM_KAFKA_ADMIN_PASSWORD";

    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final String bootstrapServers;
    private final KafkaCredentials admin;
    private final KafkaRaftServer server;

    private KafkaBroker(String bootstrapServers, KafkaCredentials admin, KafkaRaftServer server) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.server = server;
    }

    /** A broker already running at {@code bootstrapServers}, administered as {@code admin}. */
    public static KafkaBroker connect(String bootstrapServers, KafkaCredentials admin) {
        return new KafkaBroker(bootstrapServers, admin, null);
    }

    /** The external broker if the environment names one, else a broker started here with a fresh random admin password. */
    public static KafkaBroker startOrConnect(Path dataDir, int port) {
        return startOrConnect(dataDir, port, KafkaCredentials.random(KafkaAccess.ADMIN));
    }

    /**
     * The external broker if the environment names one ({@code JCM_KAFKA_BOOTSTRAP_SERVERS}, administered as
     * {@code JCM_KAFKA_ADMIN_USERNAME} / {@code JCM_KAFKA_ADMIN_PASSWORD}), else a broker started here whose super user
     * is {@code admin}.
     */
    public static KafkaBroker startOrConnect(Path dataDir, int port, KafkaCredentials admin) {
        String external = System.getenv(EXTERNAL_ENV);
        if (external != null && !external.isBlank()) {
            String password = System.getenv(EXTERNAL_ADMIN_PASSWORD_ENV);
            if (password == null || password.isBlank()) {
                throw new IllegalStateException(EXTERNAL_ENV + " names a broker, so " + EXTERNAL_ADMIN_PASSWORD_ENV
                        + " (and " + EXTERNAL_ADMIN_USER_ENV + ", default admin) must name its super user (SCRAM-SHA-512)");
            }
            return connect(external, new KafkaCredentials(System.getenv().getOrDefault(EXTERNAL_ADMIN_USER_ENV, KafkaAccess.ADMIN), password));
        }
        return start(dataDir, port, admin);
    }

    /**
     * Starts a single-node KRaft broker whose logs live in {@code dataDir}. An existing, formatted directory is reused
     * (its topics, offsets, users and ACLs survive restarts; logs kept from before SCRAM get the admin's credential
     * once); an empty one is formatted first, with the SCRAM credential of {@code admin}. The broker's configuration,
     * which holds the admin password, is written next to the directory and readable by its owner only.
     */
    public static KafkaBroker start(Path dataDir, int port, KafkaCredentials admin) {
        try {
            Files.createDirectories(dataDir);
            int brokerPort = port > 0 ? port : Ports.free();
            // A fixed broker port (the launcher) keeps a fixed controller port next to it, so kept data restarts cleanly.
            int controllerPort = port > 0 ? port + 1 : Ports.free();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "CLIENT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "CLIENT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "CLIENT");
            // Clients (and the broker itself, inter-broker): SCRAM-SHA-512, credentials in the metadata log.
            props.put("sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
            props.put("listener.name.client.sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
            props.put("sasl.mechanism.inter.broker.protocol", KafkaAccess.MECHANISM);
            props.put("listener.name.client.scram-sha-512.sasl.jaas.config", admin.jaasConfig());
            // The controller: SASL PLAIN, the super user only (server side user_admin, client side username/password).
            props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.controller.protocol", "PLAIN");
            props.put("listener.name.controller.plain.sasl.jaas.config", plainJaas(admin, true));
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:" + admin.username());
            props.put("allow.everyone.if.no.acl.found", "false");
            props.put("log.dirs", dataDir.toAbsolutePath().toString());
            props.put("num.partitions", "3");
            props.put("auto.create.topics.enable", "true");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "3");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("log.flush.interval.messages", "1");
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "2");
            props.put("background.threads", "2");

            Path config = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            props.store(stored, "in-process JCM broker (holds the admin password)");
            PrivateFiles.write(config, stored.toByteArray());
            // Formatted once, with the super user's SCRAM credential; kept logs (the launcher's) restart with their own
            // cluster id, users and ACLs.
            boolean kept = Files.exists(dataDir.resolve("meta.properties"));
            if (!kept) {
                ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--add-scram",
                        KafkaAccess.MECHANISM + "=[name=" + admin.username() + ",password=" + admin.password() + "]"},
                        new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("Kafka storage format failed: " + formatOutput.toString(StandardCharsets.UTF_8));
                }
            }
            String bootstrap = "127.0.0.1:" + brokerPort;
            KafkaRaftServer server = startServer(props);
            try {
                if (kept && !adminLogsIn(bootstrap, admin)) {
                    // Kept logs formatted before SCRAM (or with another admin password). KRaft takes a first SCRAM
                    // credential only at format time, or from a super user on a broker listener (the admin client refuses
                    // to send it to the controller): restart once with a temporary loopback listener where the admin logs
                    // in with SASL PLAIN, as on the controller listener, set the admin's SCRAM credential there, and start
                    // again as usual.
                    stop(server);
                    server = null;
                    setAdminCredentialThroughTemporaryListener(props, admin);
                    server = startServer(props);
                }
                KafkaBroker broker = new KafkaBroker(bootstrap, admin, server);
                broker.awaitReady(Duration.ofSeconds(60));
                return broker;
            } catch (RuntimeException e) {
                // A broker that did not come up as it should does not keep the JVM alive.
                if (server != null) {
                    stop(server);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plainJaas(KafkaCredentials admin, boolean server) {
        return PLAIN_LOGIN + " required username=\"" + admin.username() + "\" password=\"" + admin.password() + "\""
                + (server ? " user_" + admin.username() + "=\"" + admin.password() + "\"" : "") + ";";
    }

    private static KafkaRaftServer startServer(Properties props) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Whether the admin logs in with SCRAM: false once the broker, up and answering, has refused its credential for
     * a few seconds in a row.
     */
    private static boolean adminLogsIn(String bootstrap, KafkaCredentials admin) {
        Properties props = admin.clientProperties(bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long refusedSince = 0;
        try (Admin client = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    client.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException | TimeoutException e) {
                    if (e.getCause() instanceof SaslAuthenticationException) {
                        refusedSince = refusedSince == 0 ? System.nanoTime() : refusedSince;
                        if (System.nanoTime() - refusedSince > TimeUnit.SECONDS.toNanos(5)) {
                            return false;
                        }
                    } else {
                        refusedSince = 0;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        }
        throw new IllegalStateException("Kafka broker at " + bootstrap + " did not answer");
    }

    private static void setAdminCredentialThroughTemporaryListener(Properties props, KafkaCredentials admin) {
        String listener = "127.0.0.1:" + Ports.free();
        Properties temporary = new Properties();
        temporary.putAll(props);
        temporary.put("listeners", props.getProperty("listeners") + ",BOOTSTRAP://" + listener);
        temporary.put("advertised.listeners", props.getProperty("advertised.listeners") + ",BOOTSTRAP://" + listener);
        temporary.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + ",BOOTSTRAP:SASL_PLAINTEXT");
        temporary.put("listener.name.bootstrap.sasl.enabled.mechanisms", "PLAIN");
        temporary.put("listener.name.bootstrap.plain.sasl.jaas.config", plainJaas(admin, true));
        KafkaRaftServer server = startServer(temporary);
        Properties client = new Properties();
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listener);
        client.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        client.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        client.put(SaslConfigs.SASL_JAAS_CONFIG, plainJaas(admin, false));
        try (Admin plainAdmin = Admin.create(client)) {
            plainAdmin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(admin.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), admin.password()))).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set the SCRAM credential of " + admin.username() + " on the kept broker", e);
        } finally {
            stop(server);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = admin.clientProperties(bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin client = Admin.create(props)) {
            while (true) {
                try {
                    client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not become ready", e);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The super user (the broker operator). */
    public KafkaCredentials adminCredentials() {
        return admin;
    }

    /** An admin client authenticated as the super user; the caller closes it. */
    public Admin admin() {
        return Admin.create(admin.clientProperties(bootstrapServers));
    }

    public boolean isEmbedded() {
        return server != null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
