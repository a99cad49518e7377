package org.jcm.registry.platform.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The transactional outbox: a service records each event here in the same transaction as the state change
 * it describes. Nothing here talks to Kafka; {@link EventLogRelay} publishes after the commit.
 */
@ApplicationScoped
public class EventLog {

    private final EntityManager em;
    private final CloudEventCodec codec;
    private final PlatformConfig config;
    private final Event<Appended> appended;
    private final Clock clock;

    public EventLog(EntityManager em, CloudEventCodec codec, PlatformConfig config, Event<Appended> appended, Clock clock) {
        this.em = em;
        this.codec = codec;
        this.config = config;
        this.appended = appended;
        this.clock = clock;
    }

    /** Fired for every append; observed after the commit, so the relay can publish at once instead of at its next tick. */
    public record Appended(String topic) {}

    /**
     * Appends an event about one aggregate. The aggregate id is the Kafka key and the CloudEvents subject, so
     * one aggregate's events stay in order. Must run inside the business transaction; an event the relay could not
     * publish (larger than {@code jcm.event-log.max-event-bytes}) refuses the whole change instead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventLogEntry append(String topic, String aggregateType, String aggregateId, String eventType, Object body) {
        UUID id = UUID.randomUUID();
        // PostgreSQL keeps microseconds: the hash must cover exactly what is stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String message = codec.encode(id, "/jcm/" + config.serviceName(), eventType, aggregateId, now, body);
        requirePublishable(aggregateId, eventType, message);
        EventLogEntry entry = new EventLogEntry(id, topic, aggregateType, aggregateId, eventType, now, message);
        em.persist(entry);
        appended.fire(new Appended(topic));
        return entry;
    }

    private void requirePublishable(String key, String eventType, String message) {
        int limit = config.eventLog().maxEventBytes();
        // A UTF-8 character takes at most three bytes per UTF-16 unit: count exactly only when that bound is passed.
        if ((long) (message.length() + key.length()) * 3 <= limit) {
            return;
        }
        long bytes = (long) message.getBytes(StandardCharsets.UTF_8).length + key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw new RuleViolation(PlatformRule.EVENT_TOO_LARGE, "the " + eventType + " event would take " + bytes
                    + " bytes; the registry publishes events of at most " + limit + " bytes. Send shorter texts or fewer items.");
        }
    }

    /** Every event of one aggregate, oldest first, chained or not yet. */
    public List<EventLogEntry> history(String aggregateType, String aggregateId) {
        return em.createQuery("from EventLogEntry e where e.aggregateType = :t and e.aggregateId = :id order by e.seq", EventLogEntry.class)
                .setParameter("t", aggregateType)
                .setParameter("id", aggregateId)
                .getResultList();
    }

    /** Chained entries after {@code position}, in chain order. */
    public List<EventLogEntry> chainedAfter(long position, int limit) {
        return em.createQuery("from EventLogEntry e where e.position > :p order by e.position", EventLogEntry.class)
                .setParameter("p", position)
                .setMaxResults(limit)
                .getResultList();
    }

    public long unchainedCount() {
        return em.createQuery("select count(e) from EventLogEntry e where e.position is null", Long.class).getSingleResult();
    }
}
