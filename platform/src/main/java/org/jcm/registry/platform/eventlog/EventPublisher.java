package org.jcm.registry.platform.eventlog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.messaging.CloudEventCodec;

/**
 * Publishes chained entries in chain order, keyed by aggregate id, and stamps each one the broker acknowledged. An
 * entry the broker refused or did not acknowledge in time stays unstamped and is sent again next round, with its
 * same event id; what was acknowledged before or after it is stamped and not sent again.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    /** Room for the key, the header and Kafka's record overhead around an event of the largest size the log accepts. */
    private static final int RECORD_OVERHEAD = 16 * 1024;

    private final RelayConnection session;
    private final PlatformConfig config;
    private final Map<String, Object> kafkaConfig;
    private volatile KafkaProducer<String, String> producer;

    public EventPublisher(RelayConnection session, PlatformConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.session = session;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    /** A chained entry as it goes on the wire. */
    public record Outgoing(long seq, long position, java.util.UUID eventId, String topic, String key, String message) {}

    /** Publishes one batch of chained, unpublished entries and stamps the acknowledged ones; returns how many were stamped. */
    public int publishChained() throws SQLException {
        List<Outgoing> batch = session.asLeader(c -> unpublished(c, config.eventLog().relayBatchSize())).orElse(List.of());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Outgoing> acknowledged = send(batch);
        stamp(acknowledged);
        if (acknowledged.size() < batch.size()) {
            LOG.warnf("The broker acknowledged %d of %d events; the rest are sent again next round", acknowledged.size(), batch.size());
            // A fresh producer next round: whatever state the failure left this one in is not carried over.
            closeProducer();
        }
        return acknowledged.size();
    }

    /** The oldest chained entries not yet published, in chain order (as the relay's leader, else none). */
    public List<Outgoing> unpublished(int limit) throws SQLException {
        return session.asLeader(c -> unpublished(c, limit)).orElse(List.of());
    }

    private static List<Outgoing> unpublished(Connection c, int limit) throws SQLException {
        List<Outgoing> batch = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT seq, position, event_id, topic, aggregate_id, message FROM event_log
                WHERE position IS NOT NULL AND published_at IS NULL ORDER BY position LIMIT ?""")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Outgoing(rs.getLong(1), rs.getLong(2), rs.getObject(3, java.util.UUID.class), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        return batch;
    }

    /**
     * Whether the producer can send the entry at all. One larger than its {@code max.request.size} never reaches the broker:
     * only an entry written behind the service's back can be, and an operator may have marked it published by hand.
     */
    boolean fitsARequest(Outgoing e) {
        long limit = config.eventLog().maxEventBytes() + RECORD_OVERHEAD;
        // A UTF-8 character takes at most three bytes per UTF-16 unit: count exactly only when that bound is passed.
        if ((long) (e.message().length() + e.key().length()) * 3 <= limit) {
            return true;
        }
        return (long) e.message().getBytes(StandardCharsets.UTF_8).length + e.key().getBytes(StandardCharsets.UTF_8).length <= limit;
    }

    /**
     * Sends entries to their topics and waits (up to the publish timeout) for the broker's acknowledgements; returns the
     * entries it acknowledged (idempotent producer, {@code acks=all}: a retry never duplicates nor reorders within a
     * partition).
     */
    public List<Outgoing> send(List<Outgoing> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        for (Outgoing e : entries) {
            ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.message());
            record.headers().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            acks.add(p.send(record));
        }
        p.flush();
        long deadline = System.nanoTime() + config.eventLog().publishTimeout().toNanos();
        List<Outgoing> acknowledged = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(entries.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                Outgoing failed = entries.get(i);
                LOG.warnf("Event %s (position %d) to %s not acknowledged: %s", failed.eventId(), failed.position(), failed.topic(),
                        e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        }
        return acknowledged;
    }

    private void stamp(List<Outgoing> acknowledged) throws SQLException {
        if (acknowledged.isEmpty()) {
            return;
        }
        Long[] seqs = acknowledged.stream().map(Outgoing::seq).toArray(Long[]::new);
        session.asLeader(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE event_log SET published_at = now() WHERE seq = ANY(?) AND published_at IS NULL")) {
                s.setArray(1, c.createArrayOf("bigint", seqs));
                return s.executeUpdate();
            }
        });
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = new HashMap<>(kafkaConfig);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
                    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.eventLog().maxEventBytes() + RECORD_OVERHEAD);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.eventLog().publishTimeout().toMillis());
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.eventLog().publishTimeout().toMillis() / 2, 15_000));
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-event-log-relay");
                    props.keySet().removeIf(k -> !ProducerConfig.configNames().contains(k));
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    @PreDestroy
    synchronized void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
