package org.jcm.registry.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * What a test needs to reach the real broker and database behind the service's back: publish as the broker's
 * operator ({@link #publish}) or as a partner system with its own Kafka credentials ({@link #asPartner}), read what a
 * service published, or change a row as an intruder with database rights would. Reads the system properties
 * {@link JcmTestInfrastructure} sets, so it works from any class loader.
 */
public final class TestInfra {

    public static final String KAFKA_BOOTSTRAP = "jcm-test.kafka.bootstrap";
    /** The broker's super user and its password: publish and readAll act as it (they play the broker operator). */
    public static final String KAFKA_ADMIN_USER = "jcm-test.kafka.admin-user";
    public static final String KAFKA_ADMIN_PASSWORD = "jcm-test.kafka.admin-password";
    /** Prefix of the password of each Kafka user this JVM provisioned ({@code .country-onboarding}, {@code .partner-th}). */
    public static final String KAFKA_PASSWORD = "jcm-test.kafka.password";
    private static final String KAFKA_PARTNER_TOPICS = "jcm-test.kafka.partner-topics";
    /** Shared by every class loader of the JVM (an interned string), as the system properties it guards. */
    private static final Object KAFKA_LOCK = "jcm-test.kafka.provisioning".intern();
    private static final int PARTITIONS = 3;
    public static final String PG_ADMIN_URL = "jcm-test.pg.admin-url";
    public static final String PG_ADMIN_USER = "jcm-test.pg.admin-user";
    public static final String PG_ADMIN_PASSWORD = "jcm-test.pg.admin-password";
    public static final String PG_DATABASE_URL = "jcm-test.pg.database-url";
    /** The data directory of the PostgreSQL server started for this JVM (absent for an external one). */
    public static final String PG_DATA_DIR = "jcm-test.pg.data-dir";

    /** The directory of the test issuer's key pair (jwt-private.pem, jwt-public.pem), one per JVM. */
    public static final String JWT_KEY_DIR = "jcm-test.jwt.key-dir";

    private TestInfra() {}

    public static String jwtKeyDir() {
        return required(JWT_KEY_DIR);
    }

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

    /** Publishes a structured-mode CloudEvent exactly as the services' relay does (with its content-type header), as the admin. */
    public static RecordMetadata publishEvent(String topic, Integer partition, String key, String cloudEvent) {
        return publish(topic, partition, key, cloudEvent,
                new org.apache.kafka.common.header.internals.RecordHeader("content-type",
                        "application/cloudevents+json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Publishes one record as the admin and waits until the broker has it. */
    public static RecordMetadata publish(String topic, String key, String value, Header... headers) {
        return publish(topic, null, key, value, headers);
    }

    /**
     * Publishes one record as the admin (the broker operator, whom no ACL limits) to a given partition (null: by key)
     * and waits until the broker has it. A partner inbound topic gets its partner's outbound topic too, as the operator
     * creates both when a partner comes on board: the service that answers may not create topics outside its own.
     */
    public static RecordMetadata publish(String topic, Integer partition, String key, String value, Header... headers) {
        KafkaAccess.partnerOfInboundTopic(topic).ifPresent(TestInfra::ensurePartnerTopics);
        return asAdmin().publish(topic, partition, key, value, headers);
    }

    /**
     * Every record on {@code topic} from the beginning, read as the admin by a fresh consumer group until {@code quiet}
     * passes with nothing new.
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        return asAdmin().readAll(topic, quiet);
    }

    /** The broker of this JVM, administered as its super user. */
    /**
     * Forgets the Kafka users (and passwords) this JVM provisioned: a test class that starts a broker of its own after
     * another class's broker stopped must provision them again, or its services log in with stale passwords.
     */
    public static void forgetKafkaUsers() {
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("jcm-test.kafka.")).forEach(System::clearProperty);
    }

    public static KafkaBroker kafka() {
        return KafkaBroker.connect(kafkaBootstrap(), new KafkaCredentials(required(KAFKA_ADMIN_USER), required(KAFKA_ADMIN_PASSWORD)));
    }

    /** Makes this JVM's tests use {@code broker} (the end-to-end tests start their own). */
    public static void useKafka(KafkaBroker broker) {
        System.setProperty(KAFKA_ADMIN_USER, broker.adminCredentials().username());
        System.setProperty(KAFKA_ADMIN_PASSWORD, broker.adminCredentials().password());
        System.setProperty(KAFKA_BOOTSTRAP, broker.bootstrapServers());
    }

    /** A client as the broker's super user: the broker operator, whom no ACL limits. */
    public static KafkaClient asAdmin() {
        return new KafkaClient(kafkaBootstrap(), kafka().adminCredentials());
    }

    /** A client as a registry service ({@code country-onboarding}, ...), with the service's real ACLs. */
    public static KafkaClient asService(String service) {
        return new KafkaClient(kafkaBootstrap(), serviceCredentials(service));
    }

    /**
     * A client as the partner-country system of {@code countryCode}: its user {@code partner-{cc}}, its ACLs and its two
     * topics are provisioned first (once per JVM), as {@link KafkaAccess} describes them.
     */
    public static KafkaClient asPartner(String countryCode) {
        String user = KafkaAccess.partnerUser(countryCode);
        synchronized (KAFKA_LOCK) {
            String password = System.getProperty(KAFKA_PASSWORD + "." + user);
            if (password == null) {
                KafkaCredentials credentials = KafkaCredentials.random(user);
                KafkaAccess.provisionPartner(kafka(), countryCode, credentials, PARTITIONS);
                System.setProperty(KAFKA_PASSWORD + "." + user, credentials.password());
                System.setProperty(KAFKA_PARTNER_TOPICS + "." + user, "true");
                password = credentials.password();
            }
            return new KafkaClient(kafkaBootstrap(), new KafkaCredentials(user, password));
        }
    }

    /** The credentials of a registry service's own Kafka user, provisioned with its topics and ACLs once per JVM. */
    public static KafkaCredentials serviceCredentials(String service) {
        synchronized (KAFKA_LOCK) {
            String password = System.getProperty(KAFKA_PASSWORD + "." + service);
            if (password == null) {
                KafkaCredentials credentials = KafkaCredentials.random(service);
                KafkaAccess.provisionService(kafka(), KafkaAccess.Service.named(service), credentials, PARTITIONS);
                System.setProperty(KAFKA_PASSWORD + "." + service, credentials.password());
                password = credentials.password();
            }
            return new KafkaCredentials(service, password);
        }
    }

    private static void ensurePartnerTopics(String countryCode) {
        String marker = KAFKA_PARTNER_TOPICS + "." + KafkaAccess.partnerUser(countryCode);
        synchronized (KAFKA_LOCK) {
            if (System.getProperty(marker) == null) {
                KafkaAccess.createTopics(kafka(), KafkaAccess.partnerTopics(countryCode), PARTITIONS);
                System.setProperty(marker, "true");
            }
        }
    }

    /**
     * Stops this JVM's PostgreSQL server, runs {@code whileDown}, keeps it down for at least {@code downFor}, then starts
     * it again on the same data: what the services see of a database restart or failover.
     */
    public static void withPostgresDown(Duration downFor, Runnable whileDown) {
        PostgresServer.downFor(java.nio.file.Path.of(required(PG_DATA_DIR)), downFor, whileDown);
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
