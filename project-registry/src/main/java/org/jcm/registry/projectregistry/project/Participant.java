package org.jcm.registry.projectregistry.project;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.jcm.registry.contract.project.ProjectSnapshot;

/**
 * A Japanese or partner-country entity taking part in a project. Its {@code participantId}, when the registry knows the
 * entity as a caller, is the {@code jcm_participant} its tokens carry: the participants a project names may act on it.
 */
@Embeddable
public record Participant(
        @Column(name = "name", nullable = false, columnDefinition = "text") String name,
        @Column(name = "country", nullable = false, length = 2) String country,
        @Column(name = "role", nullable = false, columnDefinition = "text") String role,
        @Column(name = "focal_point", nullable = false) boolean focalPoint,
        @Column(name = "participant_id", columnDefinition = "text") String participantId) {

    /** An entity the registry does not know as a caller. */
    public Participant(String name, String country, String role, boolean focalPoint) {
        this(name, country, role, focalPoint, null);
    }

    ProjectSnapshot.Participant toContract() {
        return new ProjectSnapshot.Participant(name, country, role, focalPoint, participantId);
    }
}
