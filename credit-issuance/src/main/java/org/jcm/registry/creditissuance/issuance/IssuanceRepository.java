package org.jcm.registry.creditissuance.issuance;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class IssuanceRepository implements PanacheRepositoryBase<Issuance, UUID> {

    public Issuance get(UUID id) {
        return findByIdOptional(id).orElseThrow(() -> noSuch(id));
    }

    public Issuance lockForChange(UUID id) {
        return Aggregates.lockForChange(getEntityManager(), Issuance.class, id).orElseThrow(() -> noSuch(id));
    }

    public Optional<Issuance> ofPeriod(String projectId, LocalDate start, LocalDate end) {
        return find("projectId = ?1 and periodStart = ?2 and periodEnd = ?3", projectId, start, end).firstResultOptional();
    }

    private static RuleViolation noSuch(UUID id) {
        return new RuleViolation(IssuanceRule.NO_SUCH_ISSUANCE, "no issuance " + id);
    }
}
