package org.jcm.registry.contract.project;

import java.time.LocalDate;

import jakarta.persistence.Embeddable;

/** A Joint Committee decision as the registry records it: the JC's own reference and the date it was taken. */
@Embeddable
public record JcDecision(String reference, LocalDate decidedOn) {}
