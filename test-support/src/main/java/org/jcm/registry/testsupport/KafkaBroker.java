package org.jcm.registry.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller) running in this JVM, or an
 * external broker named by {@code JCM_KAFKA_BOOTSTRAP_SERVERS}. The broker is the same code a production
 * cluster runs, at exactly the kafka-clients version the Quarkus BOM pins.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String EXTERNAL_ENV = "JCM_KAFKA_BOOTSTRAP_SERVERS";

    private final String bootstrapServers;
    private final KafkaRaftServer server;

    private KafkaBroker(String bootstrapServers, KafkaRaftServer server) {
        this.bootstrapServers = bootstrapServers;
        this.server = server;
    }

    /** A broker already running at {@code bootstrapServers}. */
    public static KafkaBroker connect(String bootstrapServers) {
        return new KafkaBroker(bootstrapServers, null);
    }

    /** The external broker if the environment names one, else a broker started here. */
    public static KafkaBroker startOrConnect(Path dataDir, int port) {
        String external = System.getenv(EXTERNAL_ENV);
        if (external != null && !external.isBlank()) {
            return new KafkaBroker(external, null);
        }
        return start(dataDir, port);
    }

    /**
     * Starts a single-node KRaft broker whose logs live in {@code dataDir}. An existing, formatted
     * directory is reused (its topics and offsets survive restarts); an empty one is formatted first.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            int brokerPort = port > 0 ? port : Ports.free();
            // A fixed broker port (the launcher) keeps a fixed controller port next to it, so kept data restarts cleanly.
            int controllerPort = port > 0 ? port + 1 : Ports.free();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
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
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "in-process JCM test broker");
            }
            // Formatted once; kept logs (the launcher's) restart with their own cluster id.
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                        new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("Kafka storage format failed: " + formatOutput.toString(StandardCharsets.UTF_8));
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker("127.0.0.1:" + brokerPort, server);
            broker.awaitReady(Duration.ofSeconds(60));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not become ready", e);
                    }
                }
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
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
