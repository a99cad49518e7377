package org.jcm.registry.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test needs to reach the real broker and database behind the service's back: publish as a partner
 * system would, read what a service published, or change a row as an intruder with database rights would.
 * Reads the system properties {@link JcmTestInfrastructure} sets, so it works from any class loader.
 */
public final class TestInfra {

    public static final String KAFKA_BOOTSTRAP = "jcm-test.kafka.bootstrap";
    public static final String PG_ADMIN_URL = "jcm-test.pg.admin-url";
    public static final String PG_ADMIN_USER = "jcm-test.pg.admin-user";
    public static final String PG_ADMIN_PASSWORD = "jcm-test.pg.admin-password";
    public static final String PG_DATABASE_URL = "jcm-test.pg.database-url";
    /** The data directory of the PostgreSQL server started for this JVM (absent for an external one). */
    public static final String PG_DATA_DIR = "jcm-test.pg.data-dir";

    private TestInfra() {}

    public static String kafkaBootstrap() {
        return required(KAFKA_BOOTSTRAP);
    }

    /** A superuser connection to the database of the service that owns {@code schema}. */
    public static Connection adminConnection(String schema) throws SQLException {
        return DriverManager.getConnection(required(PG_DATABASE_URL + "." + schema), required(PG_ADMIN_USER),
                required(PG_ADMIN_PASSWORD));
    }

    /** A connection as the service itself: its own role, which owns only its schema. */
    public static Connection serviceConnection(String schema) throws SQLException {
        return DriverManager.getConnection(required(PG_DATABASE_URL + "." + schema), schema, schema);
    }

    /** Publishes a structured-mode CloudEvent exactly as the services' relay does (with its content-type header). */
    public static RecordMetadata publishEvent(String topic, Integer partition, String key, String cloudEvent) {
        return publish(topic, partition, key, cloudEvent,
                new org.apache.kafka.common.header.internals.RecordHeader("content-type",
                        "application/cloudevents+json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Publishes one record and waits until the broker has it. */
    public static RecordMetadata publish(String topic, String key, String value, Header... headers) {
        return publish(topic, null, key, value, headers);
    }

    /** Publishes one record to a given partition (null: by key) and waits until the broker has it. */
    public static RecordMetadata publish(String topic, Integer partition, String key, String value, Header... headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value, List.of(headers));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Every record on {@code topic} from the beginning, read by a fresh consumer group until {@code quiet} passes with nothing new. */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            long pollMillis = 200;
            while (emptyPolls * pollMillis < quiet.toMillis() || records.isEmpty() && emptyPolls * pollMillis < 10_000) {
                var batch = consumer.poll(Duration.ofMillis(pollMillis));
                if (batch.isEmpty()) {
                    emptyPolls++;
                } else {
                    emptyPolls = 0;
                    batch.forEach(records::add);
                }
            }
        }
        return records;
    }

    /**
     * Stops this JVM's PostgreSQL server, runs {@code whileDown}, keeps it down for at least {@code downFor}, then starts
     * it again on the same data: what the services see of a database restart or failover.
     */
    public static void withPostgresDown(Duration downFor, Runnable whileDown) {
        java.nio.file.Path dataDir = java.nio.file.Path.of(required(PG_DATA_DIR));
        long until = System.nanoTime() + downFor.toNanos();
        PostgresServer.stop(dataDir);
        try {
            whileDown.run();
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, until - System.nanoTime()));
        } finally {
            PostgresServer.start(dataDir);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property
                    + " is not set: is the test running with the JcmTestInfrastructure test resource?");
        }
        return value;
    }
}
