package org.jcm.registry.platform.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The operator-visible list of dead letters. Writes run in their own transaction: the failed one has rolled back. */
@ApplicationScoped
public class DeadLetters {

    private final EntityManager em;

    public DeadLetters(EntityManager em) {
        this.em = em;
    }

    /** Why a record is dead: the event it carried (if it could be read) and the rule it broke. */
    public record Refusal(UUID eventId, String eventType, String reasonCode, String reason) {}

    /**
     * Records (or, for a redelivered record, counts again) a dead letter, with the record's CloudEvents headers (a
     * binary-mode event's attributes), in the caller's transaction. Throws if the database cannot take it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String topic, int partition, long offset, String key, Map<String, String> headers, String value, Refusal refusal) {
        em.createNativeQuery("""
                INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, record_key, record_headers, record_value, event_id, event_type,
                    reason_code, reason)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                ON CONFLICT (topic, kafka_partition, kafka_offset)
                DO UPDATE SET attempts = dead_letter.attempts + 1, reason_code = EXCLUDED.reason_code, reason = EXCLUDED.reason""")
                .setParameter(1, topic)
                .setParameter(2, partition)
                .setParameter(3, offset)
                .setParameter(4, storable(key))
                .setParameter(5, storable(DeadLetter.headersJson(headers)))
                .setParameter(6, storable(value))
                .setParameter(7, refusal.eventId())
                .setParameter(8, storable(refusal.eventType()))
                .setParameter(9, refusal.reasonCode())
                .setParameter(10, storable(refusal.reason()))
                .executeUpdate();
    }

    /**
     * PostgreSQL's text cannot hold a NUL character, and a record that carries one is poison like any other: it must be
     * stored, or it would be retried for ever and stall its partition (the fault suite found that). Each NUL becomes the
     * replacement character U+FFFD; such a record was never a readable event, so nothing a replay needs is lost.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    /** Dead letters newest first, those older than {@code before} (an id) when given. */
    public List<DeadLetter> page(DeadLetter.Status status, Long before, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createQuery(
                "from DeadLetter d where (:status is null or d.status = :status) and (:before is null or d.id < :before) order by d.id desc",
                DeadLetter.class)
                .setParameter("status", status)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList());
    }

    public Optional<DeadLetter> find(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(em.find(DeadLetter.class, id)));
    }

    void markReplayed(long id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE dead_letter SET status = 'REPLAYED', replayed_at = now() WHERE id = ?1 AND status = 'OPEN'")
                .setParameter(1, id)
                .executeUpdate());
    }

    void recordFailedReplay(long id, Refusal refusal) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE dead_letter SET attempts = attempts + 1, reason_code = ?2, reason = ?3 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, refusal.reasonCode())
                .setParameter(3, storable(refusal.reason()))
                .executeUpdate());
    }
}
