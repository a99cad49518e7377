package org.jcm.registry.projectregistry.project;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The methodology a project applies, as approved in its host country when the idea note was submitted. */
@Embeddable
public record MethodologyRef(@Column(name = "methodology_id") UUID id, @Column(name = "methodology_reference") String reference,
        @Column(name = "methodology_version") int version, @Column(name = "sectoral_scope") int sectoralScope) {}
