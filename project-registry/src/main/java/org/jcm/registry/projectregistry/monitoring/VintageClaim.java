package org.jcm.registry.projectregistry.monitoring;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Reductions claimed for one vintage of a monitoring report. */
@Embeddable
public record VintageClaim(@Column(name = "vintage", nullable = false) int vintage, @Column(name = "claimed", nullable = false) long claimed) {}
