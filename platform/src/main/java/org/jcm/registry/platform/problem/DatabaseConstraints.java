package org.jcm.registry.platform.problem;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.postgresql.util.PSQLException;

/**
 * Turns a refusal of the database (a unique, exclusion or check constraint that a race reached first) into the
 * service's rule for it, by constraint name ({@link ConstraintRules}). One translation for every path: a REST
 * request gets the rule's problem, a consumed event is dead-lettered with the rule's code.
 */
@ApplicationScoped
public class DatabaseConstraints {

    private final EntityManager em;
    private final Instance<ConstraintRules> rules;

    public DatabaseConstraints(EntityManager em, Instance<ConstraintRules> rules) {
        this.em = em;
        this.rules = rules;
    }

    /** The rule a constraint named in {@code e}'s causes stands for, if a service declared one. */
    public Optional<RuleViolation> violationIn(Throwable e) {
        return constraintNameIn(e).flatMap(name -> {
            for (ConstraintRules r : rules) {
                Rule rule = r.byConstraintName().get(name);
                if (rule != null) {
                    return Optional.of(new RuleViolation(rule, rule.title() + " (enforced by the database: " + name + ")"));
                }
            }
            return Optional.empty();
        });
    }

    /** The name of the constraint the database refused, if the causes of {@code e} carry one. */
    public static Optional<String> constraintNameIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && c.getConstraintName() != null) {
                return Optional.of(c.getConstraintName());
            }
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getConstraint() != null) {
                return Optional.of(p.getServerErrorMessage().getConstraint());
            }
        }
        return Optional.empty();
    }

    /**
     * Writes pending changes now, inside the business method, so that a constraint the database enforces surfaces
     * as its rule there rather than as a failed commit.
     */
    public void flush() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw violationIn(e).orElseThrow(() -> e);
        }
    }
}
