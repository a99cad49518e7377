package org.jcm.registry.projectregistry.project;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /** Loads a project for a change of its state, locked and fresh, so its changes (and so its events) are strictly ordered. */
    public Project lockForChange(String identifier) {
        return Aggregates.lockForChange(getEntityManager(), Project.class, idOf(identifier).orElse(null)).orElseThrow(() -> notFound(identifier));
    }

    /** Loads a project to add monitoring records: no state change may interleave, but such additions do not wait on each other. */
    public Project lockShared(String identifier) {
        return Aggregates.lockShared(getEntityManager(), Project.class, idOf(identifier).orElse(null)).orElseThrow(() -> notFound(identifier));
    }

    /** The id a project id, reference or idea-note reference names, without loading the project. */
    private Optional<UUID> idOf(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(identifier));
        } catch (IllegalArgumentException notAUuid) {
            return getEntityManager().createQuery("select p.id from Project p where p.reference = :r or p.pinReference = :r", UUID.class)
                    .setParameter("r", identifier).getResultStream().findFirst();
        }
    }

    /** By id, by project reference ({@code MN001}) or by idea-note reference ({@code MN_PIN001}). */
    public Optional<Project> byIdentifier(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        try {
            return findByIdOptional(UUID.fromString(identifier));
        } catch (IllegalArgumentException notAUuid) {
            return find("reference = ?1 or pinReference = ?1", identifier).firstResultOptional();
        }
    }

    public Optional<Project> byPinReference(String pinReference) {
        return find("pinReference", pinReference).firstResultOptional();
    }

    /**
     * Projects matching every given filter. {@code city} matches a collaboration by either city or by both
     * ({@code Kitakyushu-Hai Phong}, with a hyphen or an en dash), ignoring case.
     */
    public List<Project> search(String country, ProjectState state, UUID methodologyId, String methodologyReference, String city) {
        String c = city == null || city.isBlank() ? null : city.trim().toLowerCase(Locale.ROOT).replace('\u2013', '-');
        return list("""
                (:country is null or hostCountry = :country)
                and (:state is null or state = :state)
                and (:methodologyId is null or methodology.id = :methodologyId)
                and (:methodologyReference is null or methodology.reference = :methodologyReference)
                and (:city is null or lower(content.cityCollaboration.japaneseCity) = :city or lower(content.cityCollaboration.partnerCity) = :city
                     or lower(content.cityCollaboration.japaneseCity) || '-' || lower(content.cityCollaboration.partnerCity) = :city)""",
                Sort.by("hostCountry").and("pinReference"),
                Parameters.with("country", country).and("state", state).and("methodologyId", methodologyId)
                        .and("methodologyReference", methodologyReference).and("city", c));
    }

    static RuleViolation notFound(String identifier) {
        return new RuleViolation(ProjectRule.NO_SUCH_PROJECT, "no project " + identifier);
    }
}
