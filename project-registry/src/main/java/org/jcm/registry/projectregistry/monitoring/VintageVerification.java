package org.jcm.registry.projectregistry.monitoring;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Reductions verified for one vintage. */
@Embeddable
public record VintageVerification(@Column(name = "vintage", nullable = false) int vintage,
        @Column(name = "verified", nullable = false) long verified) {}
