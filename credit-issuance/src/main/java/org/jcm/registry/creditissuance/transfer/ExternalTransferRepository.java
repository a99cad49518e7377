package org.jcm.registry.creditissuance.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class ExternalTransferRepository implements PanacheRepositoryBase<ExternalTransfer, UUID> {

    /** The transfer, locked: its answer, its cancellation and its expiry are taken one at a time. */
    public Optional<ExternalTransfer> lockForChange(UUID id) {
        return Aggregates.lockForChange(getEntityManager(), ExternalTransfer.class, id);
    }

    public ExternalTransfer get(UUID id) {
        return findByIdOptional(id).orElseThrow(() -> noSuch(id));
    }

    /** Proposals still waiting for an answer past their timeout, oldest first. */
    public List<UUID> dueAt(Instant now, int limit) {
        return getEntityManager()
                .createQuery("SELECT t.id FROM ExternalTransfer t WHERE t.state = :proposed AND t.direction = :out AND t.expiresAt <= :now "
                        + "ORDER BY t.expiresAt", UUID.class)
                .setParameter("proposed", ExternalTransfer.State.PROPOSED).setParameter("out", ExternalTransfer.Direction.OUT)
                .setParameter("now", now).setMaxResults(limit).getResultList();
    }

    public static RuleViolation noSuch(UUID id) {
        return new RuleViolation(ExternalTransferRule.NO_SUCH_TRANSFER, "no external transfer " + id);
    }
}
