package org.jcm.registry.projectregistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Per-country sequences of references. Taking a number locks the country's counter row until the transaction
 * ends, so concurrent registrations in one country queue and get consecutive numbers; a rolled-back transaction
 * gives its number back before anyone used it, so no reference is ever used twice.
 */
@ApplicationScoped
public class ReferenceCounters {

    public enum Kind {

        /** {@code {CC}_AM{NNN}}, given to a methodology at approval. */
        METHODOLOGY("%s_AM%03d"),
        /** {@code {CC}_PIN{NNN}}, given to a project idea note at submission. */
        PIN("%s_PIN%03d"),
        /** {@code {CC}{NNN}}, given to a project at registration. */
        PROJECT("%s%03d");

        private final String format;

        Kind(String format) {
            this.format = format;
        }

        public String format(String country, int number) {
            return String.format(format, country, number);
        }
    }

    private final EntityManager em;

    public ReferenceCounters(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(String country, Kind kind) {
        Number value = (Number) em.createNativeQuery("""
                INSERT INTO reference_counter (country, kind, last_value) VALUES (?1, ?2, 1)
                ON CONFLICT (country, kind) DO UPDATE SET last_value = reference_counter.last_value + 1
                RETURNING last_value""")
                .setParameter(1, country)
                .setParameter(2, kind.name())
                .getSingleResult();
        return kind.format(country, value.intValue());
    }
}
