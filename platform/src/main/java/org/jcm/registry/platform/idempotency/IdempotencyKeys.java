package org.jcm.registry.platform.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/** The idempotency keys of the callers, with the first response to each (table {@code idempotency_key}). */
@ApplicationScoped
public class IdempotencyKeys {

    /** The first response to a key: what a retry gets. */
    public record Stored(int status, String location, String body) {}

    private final EntityManager em;
    private final Duration retention;

    public IdempotencyKeys(EntityManager em, PlatformConfig config) {
        this.em = em;
        this.retention = config.idempotency().retention();
    }

    /**
     * Claims the key for this request, in the caller's transaction: true if no live request holds it (a new key, or one
     * past its retention), false if an earlier request did. A racing request with the same key waits here until the
     * first one's transaction ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean claim(String caller, String key, byte[] fingerprint) {
        return em.createNativeQuery("""
                INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, expires_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (caller, idempotency_key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, status = NULL, location = NULL, body = NULL, created_at = now(),
                        expires_at = EXCLUDED.expires_at
                    WHERE idempotency_key.expires_at < now()""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, Instant.now().plus(retention))
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void complete(String caller, String key, Stored response) {
        em.createNativeQuery("UPDATE idempotency_key SET status = ?3, location = ?4, body = ?5 WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, response.status()).setParameter(4, response.location())
                .setParameter(5, response.body()).executeUpdate();
    }

    /** The first response to the key, if this is the same request; refused if the key was used for another. */
    @Transactional(Transactional.TxType.MANDATORY)
    Stored stored(String caller, String key, byte[] fingerprint) {
        List<?> rows = em
                .createNativeQuery("SELECT fingerprint, status, location, body FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (!Arrays.equals((byte[]) row[0], fingerprint)) {
            throw new RuleViolation(PlatformRule.IDEMPOTENCY_KEY_REUSED, "the Idempotency-Key '" + key
                    + "' was already used for another request (operation, path or body); use a new key for a new request");
        }
        return new Stored(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
    }

    /** Forgets keys past their retention, a batch at a time. */
    @Scheduled(identity = "idempotency-key-expiry", every = "${jcm.idempotency.expiry-interval:1h}", delayed = "1m")
    @Transactional
    void expire() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE ctid IN (SELECT ctid FROM idempotency_key WHERE expires_at < now() LIMIT 10000)")
                .executeUpdate();
    }
}
