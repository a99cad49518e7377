package org.jcm.registry.creditissuance.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.platform.readmodel.SnapshotReadModel;

/** The projects as credit-issuance knows them from project-registry's events: host country, state, allocation, participants. */
@ApplicationScoped
public class RegisteredProjects extends SnapshotReadModel<ProjectSnapshot> {

    /** For the container's client proxy only. */
    protected RegisteredProjects() {}

    @Inject
    public RegisteredProjects(EntityManager em, ObjectMapper mapper) {
        super(em, mapper, "project", ProjectSnapshot.class, ProjectSnapshot::id, ProjectSnapshot::revision);
    }

    /** The project known by its registered reference ({@code {CC}{NNN}}), if any. */
    public java.util.Optional<ProjectSnapshot> byReference(String reference) {
        return listWhere("reference", reference).stream().findFirst();
    }
}
