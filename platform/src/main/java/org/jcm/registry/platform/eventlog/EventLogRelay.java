package org.jcm.registry.platform.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
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
 * Moves the event log forward after business transactions commit: first it chains new entries (position and
 * hash), then publishes chained entries in chain order and stamps them. One relay works at a time across all
 * replicas of a service (a PostgreSQL advisory lock), so the chain has one writer and the topic one producer.
 *
 * <p>A crash between publishing and stamping publishes those entries again on the next round: delivery is at
 * least once, and consumers apply each event id once.
 */
@ApplicationScoped
public class EventLogRelay {

    private static final Logger LOG = Logger.getLogger(EventLogRelay.class);
    /** Advisory lock key: "JCMRELAY" in ASCII. */
    private static final long RELAY_LOCK = 0x4A434D52454C4159L;

    private final EntityManager em;
    private final PlatformConfig config;
    private final Map<String, Object> kafkaConfig;
    private volatile KafkaProducer<String, String> producer;
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-log-relay-kick");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private final boolean relayOnCommit;

    public EventLogRelay(EntityManager em, PlatformConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.em = em;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.relayOnCommit = relaysOnCommit(config);
    }

    /**
     * A business transaction committed new entries: relay now rather than at the next tick. Kicks coalesce, and
     * a kick that overlaps a scheduled round finds the advisory lock taken and does nothing.
     */
    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventLog.Appended appended) {
        if (relayOnCommit && kickPending.compareAndSet(false, true)) {
            kicker.execute(() -> {
                kickPending.set(false);
                relay();
            });
        }
    }

    /** The scheduled relay switched off ({@code off}, {@code disabled}) switches off the after-commit runs too. */
    private static boolean relaysOnCommit(PlatformConfig config) {
        String interval = config.eventLog().relayInterval().trim();
        return config.eventLog().relayOnCommit() && !interval.equalsIgnoreCase("off") && !interval.equalsIgnoreCase("disabled");
    }

    /** The safety net: entries whose kick was lost (a crash, another replica's entries) are relayed on the next tick. */
    @Scheduled(identity = "event-log-relay", every = "${jcm.event-log.relay-interval:1s}", delayed = "${jcm.event-log.relay-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            chainPending();
            while (publishChained() == config.eventLog().relayBatchSize()) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("Event log relay round failed, will retry: %s", e.toString());
        }
    }

    /** Gives new entries their chain position and hash. Returns how many it chained. */
    public int chainPending() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!tryRelayLock()) {
                return 0;
            }
            List<?> last = em.createNativeQuery("SELECT position, hash FROM event_log WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1")
                    .getResultList();
            long position = last.isEmpty() ? 0 : ((Number) ((Object[]) last.get(0))[0]).longValue();
            String prevHash = last.isEmpty() ? ChainHash.GENESIS : (String) ((Object[]) last.get(0))[1];
            List<EventLogEntry> pending = em.createQuery("from EventLogEntry e where e.position is null order by e.seq", EventLogEntry.class)
                    .setMaxResults(config.eventLog().relayBatchSize())
                    .getResultList();
            for (EventLogEntry entry : pending) {
                position++;
                String hash = ChainHash.of(prevHash, position, entry.content());
                em.createNativeQuery("UPDATE event_log SET position = ?1, prev_hash = ?2, hash = ?3, chained_at = now() WHERE seq = ?4")
                        .setParameter(1, position)
                        .setParameter(2, prevHash)
                        .setParameter(3, hash)
                        .setParameter(4, entry.seq())
                        .executeUpdate();
                prevHash = hash;
            }
            return pending.size();
        });
    }

    /** Publishes the oldest chained, unpublished entries and stamps them. Returns how many it published. */
    public int publishChained() {
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds()).call(() -> {
            if (!tryRelayLock()) {
                return 0;
            }
            List<EventLogEntry> batch = unpublished(config.eventLog().relayBatchSize());
            send(batch);
            markPublished(batch);
            return batch.size();
        });
    }

    /** The oldest chained entries not yet published, in chain order. */
    public List<EventLogEntry> unpublished(int limit) {
        return em.createQuery("from EventLogEntry e where e.position is not null and e.publishedAt is null order by e.position", EventLogEntry.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Sends entries to their topics, keyed by aggregate id, and waits until the broker has acknowledged every
     * one (idempotent producer, {@code acks=all}: a retry never duplicates nor reorders within a partition).
     */
    public void send(List<EventLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        for (EventLogEntry e : entries) {
            ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.aggregateId(), e.message());
            record.headers().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            acks.add(p.send(record));
        }
        p.flush();
        long deadline = System.nanoTime() + config.eventLog().publishTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the event log", e);
        } catch (Exception e) {
            throw new IllegalStateException("The broker did not acknowledge the batch: " + e.getMessage(), e);
        }
    }

    private void markPublished(List<EventLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE event_log SET published_at = now() WHERE seq = ANY(?1) AND published_at IS NULL")
                .setParameter(1, entries.stream().map(EventLogEntry::seq).toArray(Long[]::new))
                .executeUpdate();
    }

    private boolean tryRelayLock() {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, RELAY_LOCK).getSingleResult();
    }

    private int timeoutSeconds() {
        return (int) Math.max(60, config.eventLog().publishTimeout().toSeconds() * 2);
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
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.eventLog().publishTimeout().toMillis());
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.eventLog().publishTimeout().toMillis(), 15_000));
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
    void close() {
        kicker.shutdownNow();
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
