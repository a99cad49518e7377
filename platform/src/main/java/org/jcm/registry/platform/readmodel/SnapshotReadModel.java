package org.jcm.registry.platform.readmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A local read model of another service's aggregate, kept from its events: the newest snapshot of each aggregate, as
 * JSON in the table {@code read_model} under this model's name. A snapshot is kept only if its version is newer than
 * the one held, so a replayed or late event changes nothing. A new read model is a small subclass naming its model, its
 * snapshot type, and how to read a snapshot's id and version.
 *
 * @param <S> the snapshot record the producer's events carry
 */
public abstract class SnapshotReadModel<S> {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final String model;
    private final Class<S> type;
    private final Function<S, String> id;
    private final ToLongFunction<S> version;

    /** For the container's client proxy only. */
    protected SnapshotReadModel() {
        this(null, null, null, null, null, null);
    }

    protected SnapshotReadModel(EntityManager em, ObjectMapper mapper, String model, Class<S> type, Function<S, String> id,
            ToLongFunction<S> version) {
        this.em = em;
        this.mapper = mapper;
        this.model = model;
        this.type = type;
        this.id = id;
        this.version = version;
    }

    /**
     * Keeps {@code snapshot}, carried by an event whose subject is {@code subject}, if it is newer than what is held.
     * Returns false for an older or equal version. A snapshot of another aggregate than the event's subject is malformed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(S snapshot, String subject, Instant at) {
        String key = snapshot == null ? null : id.apply(snapshot);
        if (key == null || !key.equals(subject)) {
            throw new RuleViolation(PlatformRule.MALFORMED_EVENT, "the " + model + " snapshot does not match the event subject " + subject);
        }
        return em.createNativeQuery("""
                INSERT INTO read_model (model, id, version, snapshot, updated_at) VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5)
                ON CONFLICT (model, id) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
                WHERE read_model.version < EXCLUDED.version""")
                .setParameter(1, model)
                .setParameter(2, key)
                .setParameter(3, version.applyAsLong(snapshot))
                .setParameter(4, json(snapshot))
                .setParameter(5, at)
                .executeUpdate() == 1;
    }

    public Optional<S> find(String key) {
        List<?> rows = em.createNativeQuery("SELECT CAST(snapshot AS text) FROM read_model WHERE model = ?1 AND id = ?2")
                .setParameter(1, model).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> read((String) r));
    }

    /** Every snapshot held, by id; or only those whose top-level text {@code attribute} equals {@code value}, when it is not null. */
    protected List<S> listWhere(String attribute, String value) {
        return em.createNativeQuery("""
                SELECT CAST(snapshot AS text) FROM read_model
                WHERE model = ?1 AND (CAST(?3 AS text) IS NULL OR snapshot ->> CAST(?2 AS text) = ?3) ORDER BY id""")
                .setParameter(1, model)
                .setParameter(2, attribute)
                .setParameter(3, value)
                .getResultList().stream().map(r -> read((String) r)).toList();
    }

    private String json(S snapshot) {
        try {
            return mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private S read(String json) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + model + " snapshot in the read model", e);
        }
    }
}
