package org.jcm.registry.projectregistry.project;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.jcm.registry.contract.project.ProjectSnapshot;

/** A Japanese or partner-country entity taking part in a project. */
@Embeddable
public record Participant(
        @Column(name = "name", nullable = false, columnDefinition = "text") String name,
        @Column(name = "country", nullable = false, length = 2) String country,
        @Column(name = "role", nullable = false, columnDefinition = "text") String role,
        @Column(name = "focal_point", nullable = false) boolean focalPoint) {

    ProjectSnapshot.Participant toContract() {
        return new ProjectSnapshot.Participant(name, country, role, focalPoint);
    }
}
