package org.jcm.registry.contract.project;

import java.time.LocalDate;

/**
 * The full state of a methodology as every methodology event carries it. {@code reference} ({@code {CC}_AM{NNN}})
 * is set from approval on; {@code version} is the methodology's own version (1, then one more per revision);
 * {@code revision} grows with every change, so a consumer can ignore older snapshots.
 */
public record MethodologySnapshot(
        String id,
        String country,
        String reference,
        String title,
        int version,
        int sectoralScope,
        MethodologyState state,
        long revision,
        LocalDate proposedOn,
        JcDecision approval,
        JcDecision lastDecision) {}
