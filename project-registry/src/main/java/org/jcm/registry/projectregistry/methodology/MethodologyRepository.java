package org.jcm.registry.projectregistry.methodology;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class MethodologyRepository implements PanacheRepositoryBase<Methodology, UUID> {

    /** Loads a methodology for a change, locked and fresh, so its changes (and so its events) are strictly ordered. */
    public Methodology lockForChange(String idOrReference) {
        return Aggregates.lockForChange(getEntityManager(), Methodology.class, idOf(idOrReference).orElse(null))
                .orElseThrow(() -> notFound(idOrReference));
    }

    /** The id a methodology id or reference names, without loading the methodology. */
    private Optional<UUID> idOf(String idOrReference) {
        if (idOrReference == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(idOrReference));
        } catch (IllegalArgumentException notAUuid) {
            return getEntityManager().createQuery("select m.id from Methodology m where m.reference = :r", UUID.class)
                    .setParameter("r", idOrReference).getResultStream().findFirst();
        }
    }

    /** By its id, or by its reference ({@code MN_AM003}) once approved. */
    public Optional<Methodology> byIdOrReference(String idOrReference) {
        if (idOrReference == null) {
            return Optional.empty();
        }
        try {
            return findByIdOptional(UUID.fromString(idOrReference));
        } catch (IllegalArgumentException notAUuid) {
            return find("reference", idOrReference).firstResultOptional();
        }
    }

    public List<Methodology> list(String country, MethodologyState state) {
        return list("(:country is null or country = :country) and (:state is null or state = :state)",
                Sort.by("country").and("reference").and("createdAt"),
                Parameters.with("country", country).and("state", state));
    }

    static RuleViolation notFound(String idOrReference) {
        return new RuleViolation(MethodologyRule.NO_SUCH_METHODOLOGY, "no methodology " + idOrReference);
    }
}
