package org.jcm.registry.projectregistry.methodology;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class MethodologyRepository implements PanacheRepositoryBase<Methodology, UUID> {

    /** Loads a methodology for a change, locking it so its changes (and so its events) are strictly ordered. */
    public Methodology lockForChange(String idOrReference) {
        Methodology m = byIdOrReference(idOrReference).orElseThrow(() -> notFound(idOrReference));
        return findByIdOptional(m.id(), LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(idOrReference));
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
        return list("(:country is null or country = :country) and (:state is null or state = :state)", Sort.by("country").and("reference").and("createdAt"),
                Parameters.with("country", country).and("state", state));
    }

    static RuleViolation notFound(String idOrReference) {
        return new RuleViolation(MethodologyRule.NO_SUCH_METHODOLOGY, "no methodology " + idOrReference);
    }
}
