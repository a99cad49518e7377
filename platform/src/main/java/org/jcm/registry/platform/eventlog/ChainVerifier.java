package org.jcm.registry.platform.eventlog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jcm.registry.platform.PlatformConfig;

/**
 * Recomputes the event log's hash chain from the first entry and reports the first position that breaks it. Reads the
 * log in pages of plain rows, each in its own short transaction, so memory stays constant whatever the log's length.
 */
@ApplicationScoped
public class ChainVerifier {

    private final EntityManager em;
    private final int pageSize;

    public ChainVerifier(EntityManager em, PlatformConfig config) {
        this.em = em;
        this.pageSize = config.eventLog().verifyPageSize();
    }

    public record Verification(boolean valid, long entriesChecked, long lastPosition, String lastHash, Long firstBrokenPosition,
            String problem, long entriesAwaitingChain) {}

    private record Row(long position, String prevHash, String hash, ChainHash.Content content) {}

    public Verification verify() {
        long expectedPosition = 1;
        String prevHash = ChainHash.GENESIS;
        long checked = 0;
        while (true) {
            List<Row> page = page(expectedPosition - 1);
            if (page.isEmpty()) {
                return new Verification(true, checked, expectedPosition - 1, prevHash, null, null, unchained());
            }
            for (Row e : page) {
                String problem = null;
                if (e.position() != expectedPosition) {
                    return broken(checked, expectedPosition, prevHash,
                            "entry " + expectedPosition + " is missing (next entry is " + e.position() + ")");
                }
                if (!prevHash.equals(e.prevHash())) {
                    problem = "its previous hash does not match entry " + (expectedPosition - 1);
                } else if (!ChainHash.of(prevHash, e.position(), e.content()).equals(e.hash())) {
                    problem = "its content does not match its hash: the entry was altered after it was written";
                }
                if (problem != null) {
                    return broken(checked, expectedPosition, prevHash, problem);
                }
                prevHash = e.hash();
                checked++;
                expectedPosition++;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Row> page(long after) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery("""
                SELECT position, prev_hash, hash, event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message
                FROM event_log WHERE position > ?1 ORDER BY position LIMIT ?2""")
                .setParameter(1, after)
                .setParameter(2, pageSize)
                .getResultList()).stream()
                .map(r -> new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        new ChainHash.Content((UUID) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], instant(r[8]), (String) r[9])))
                .toList());
    }

    private long unchained() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM event_log WHERE position IS NULL")
                .getSingleResult()).longValue());
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }

    private Verification broken(long checked, long position, String prevHash, String problem) {
        return new Verification(false, checked, position - 1, prevHash, position, "Entry " + position + ": " + problem, unchained());
    }
}
