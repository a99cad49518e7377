package org.jcm.registry.platform.countries;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The local read model of partner countries that a consuming service keeps from country-onboarding's events
 * (table {@code known_country}, migration location {@code db/known-countries}). Services decide who may take
 * part from it, never by calling country-onboarding.
 */
@ApplicationScoped
public class KnownCountries {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final CloudEventCodec codec;

    public KnownCountries(EntityManager em, ObjectMapper mapper, CloudEventCodec codec) {
        this.em = em;
        this.mapper = mapper;
        this.codec = codec;
    }

    /** Binds a country event from the countries topic to its record. */
    public CountryEvent decode(InboundEvent event) {
        Class<? extends CountryEvent> type = CountryEvent.TYPES.get(event.type());
        if (type == null) {
            throw new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE, "'" + event.type() + "' is not a country event type");
        }
        CountryEvent country = codec.bind(event, type);
        if (country.country() == null || country.country().code() == null || !country.country().code().equals(event.subject())) {
            throw new RuleViolation(PlatformRule.MALFORMED_EVENT, "the country snapshot does not match the event subject " + event.subject());
        }
        return country;
    }

    /**
     * Keeps the snapshot if it is newer than what is known. Returns false for an older or equal version (a
     * replay or an out-of-date redelivery), which then has no effect.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(CountrySnapshot snapshot, Instant at) {
        int changed = em.createNativeQuery("""
                INSERT INTO known_country (code, name, state, version, snapshot, updated_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, state = EXCLUDED.state, version = EXCLUDED.version,
                    snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
                WHERE known_country.version < EXCLUDED.version""")
                .setParameter(1, snapshot.code())
                .setParameter(2, snapshot.name())
                .setParameter(3, snapshot.state().name())
                .setParameter(4, snapshot.version())
                .setParameter(5, json(snapshot))
                .setParameter(6, at)
                .executeUpdate();
        return changed == 1;
    }

    public Optional<CountrySnapshot> find(String code) {
        List<?> rows = em.createNativeQuery("SELECT CAST(snapshot AS text) FROM known_country WHERE code = ?1").setParameter(1, code).getResultList();
        return rows.stream().findFirst().map(r -> read((String) r));
    }

    public List<CountrySnapshot> list(CountryState state) {
        return em.createNativeQuery("SELECT CAST(snapshot AS text) FROM known_country WHERE (CAST(?1 AS text) IS NULL OR state = ?1) ORDER BY code")
                .setParameter(1, state == null ? null : state.name())
                .getResultList().stream().map(r -> read((String) r)).toList();
    }

    private String json(CountrySnapshot snapshot) {
        try {
            return mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CountrySnapshot read(String json) {
        try {
            return mapper.readValue(json, CountrySnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable country snapshot in the read model", e);
        }
    }
}
