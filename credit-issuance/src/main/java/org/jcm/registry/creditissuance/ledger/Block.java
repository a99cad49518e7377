package org.jcm.registry.creditissuance.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One version of a serial block: the serials {@code range} of its issuing registry {@code registryCode} with identical
 * attributes, held by one account ({@code accountNumber}, possibly of another registry) from {@code openedAt} (by
 * transaction {@code openedBy}) until {@code closedAt} (by {@code closedBy}), if a later transaction moved or split it.
 * {@code origin}: ISSUED, MOVED (to this account), KEPT (the part a split left behind), RESERVED (for the external
 * transfer {@code reservedFor}), RELEASED (from a reservation) or RECEIVED (from an external registry).
 */
public record Block(long id, String registryCode, SerialRange range, Attributes attributes, UUID accountId, String accountNumber, boolean held,
        String origin, Long parentId, UUID openedBy, Instant openedAt, UUID closedBy, Instant closedAt, UUID reservedFor) {

    /** What every credit of a block shares: its project, monitoring period, vintage and issuance (none if issued elsewhere). */
    public record Attributes(String projectId, String projectReference, LocalDate periodStart, LocalDate periodEnd, int vintage, UUID issuanceId) {}

    public long size() {
        return range.size();
    }

    /** {@code JCM-{registry}-{project}-{vintage}-{start}-{end}}, e.g. {@code JCM-BD-BD002-2019-1-178}. */
    public String display() {
        return display(registryCode, attributes.projectReference(), attributes.vintage(), range);
    }

    public static String display(String registryCode, String projectReference, int vintage, SerialRange range) {
        return "JCM-" + registryCode + "-" + projectReference + "-" + vintage + "-" + range.start() + "-" + range.end();
    }
}
