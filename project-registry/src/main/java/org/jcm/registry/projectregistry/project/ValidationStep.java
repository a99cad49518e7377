package org.jcm.registry.projectregistry.project;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Which designated TPE validated the project, and when (its report is among the project's documents). */
@Embeddable
public record ValidationStep(@Column(name = "validation_tpe_id") String tpeId, @Column(name = "validation_tpe_name") String tpeName,
        @Column(name = "validated_on") LocalDate validatedOn) {}
