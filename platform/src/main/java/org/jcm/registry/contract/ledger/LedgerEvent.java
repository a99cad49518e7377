package org.jcm.registry.contract.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/**
 * Events of a registry's ledger on {@link Topics#TRANSACTIONS}, keyed by registry code, so one registry's transactions
 * stay in order. Every completed transaction is one event carrying the blocks it closed and the blocks it opened: a
 * consumer rebuilds every account's holdings from this topic alone by removing the closed blocks and adding the opened.
 */
@EventTopic(Topics.TRANSACTIONS)
public sealed interface LedgerEvent {

    String registryCode();

    /** A participant (or an operator for it) asked for the credits of one verified monitoring period. */
    record IssuanceRequested(String registryCode, UUID issuanceId, String projectId, String projectReference, String hostCountry,
            Period monitoringPeriod, String verificationId, List<VintageQuantity> verified, String actor, Instant at) implements LedgerEvent {}

    /** One allocation line of a Joint Committee decision issued as one new block into its receiving account. */
    record CreditsIssued(String registryCode, UUID transactionId, UUID issuanceId, String projectReference, String hostCountry,
            Period monitoringPeriod, int vintage, long quantity, String decisionReference, LocalDate decidedOn, String toAccount,
            String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks) implements LedgerEvent {}

    record CreditsTransferred(String registryCode, UUID transactionId, String fromAccount, String toAccount, long quantity,
            String decision, String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks) implements LedgerEvent {}

    /** Credits moved to the registry's retirement account for a use; they never move again. */
    record CreditsRetired(String registryCode, UUID transactionId, String fromAccount, String toAccount, long quantity, String purpose,
            String beneficiary, int yearOfUse, String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks)
            implements
                LedgerEvent {}

    /** Credits moved to the registry's cancellation account; they never move again. */
    record CreditsCancelled(String registryCode, UUID transactionId, String fromAccount, String toAccount, long quantity, String reason,
            String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks) implements LedgerEvent {}

    /**
     * The first step of an external transfer: the sending registry reserved the blocks (origin RESERVED, split from what
     * the account keeps free); nothing else moves them until the receiving registry answers, the proposal expires
     * ({@code expiresAt}, when the receiving registry is external) or an operator cancels it.
     */
    record CreditsReserved(String registryCode, UUID transferId, UUID transactionId, String toRegistry, String fromAccount, String toAccount,
            long quantity, String decision, Instant expiresAt, String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks)
            implements
                LedgerEvent {}

    /**
     * The receiving registry accepted: the reserved blocks left the sending registry and, if the receiving one is kept
     * here, were credited to the receiving account with their serials, issuing registry and vintage (a block from an
     * external registry arrives with origin RECEIVED). Keyed by the registry kept here whose ledger changed (the sending
     * one, or the receiving one for a transfer from an external registry).
     */
    record ExternalTransferCompleted(String registryCode, UUID transferId, UUID transactionId, String fromRegistry, String toRegistry,
            String fromAccount, String toAccount, long quantity, String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks)
            implements
                LedgerEvent {}

    /**
     * An external transfer ended without moving anything: {@code outcome} REJECTED (by the receiving registry, with its
     * rule code and reason), EXPIRED (no answer in time) or CANCELLED (by an operator); the reserved blocks are free again
     * (origin RELEASED). A proposal from an external registry refused here closes and opens no block.
     */
    record ExternalTransferRejected(String registryCode, UUID transferId, UUID transactionId, String fromRegistry, String toRegistry,
            String outcome, String ruleCode, String reason, String actor, Instant at, List<Long> closedBlocks, List<Block> openedBlocks)
            implements
                LedgerEvent {}

    /**
     * The host Party authorized units of its registry as ITMOs for {@code uses}, with the act that counts as their first
     * transfer; the authorized serials became whole blocks ({@code closedBlocks} split into {@code openedBlocks}).
     */
    record UnitsAuthorized(String registryCode, UUID authorizationId, String reference, LocalDate authorizedOn, List<String> uses,
            String firstTransfer, long quantity, String source, UUID transactionId, List<ItmoRange> ranges, String actor, Instant at,
            List<Long> closedBlocks, List<Block> openedBlocks) implements LedgerEvent {}

    /** The first transfer of authorized units, recorded exactly once per serial, at the act their authorization names. */
    record FirstTransferRecorded(String registryCode, UUID authorizationId, String act, UUID transactionId, List<ItmoRange> ranges, Instant at)
            implements
                LedgerEvent {}

    /** The host Party applied the corresponding adjustment for first-transferred units, once per serial. */
    record CorrespondingAdjustmentRecorded(String registryCode, String reference, int year, String source, List<ItmoRange> ranges, String actor,
            Instant at) implements LedgerEvent {}

    /** Serials {@code start..end} of issuing registry {@code registry} of one vintage, with their first and last ITMO identifiers. */
    record ItmoRange(String registry, long start, long end, int vintage, String firstItmo, String lastItmo) {}

    /** A closed period of days, both ends included. */
    record Period(LocalDate start, LocalDate end) {}

    record VintageQuantity(int vintage, long quantity) {}

    /**
     * A serial block as a transaction opened it: serials {@code start..end} (both included) of its issuing registry, held by
     * {@code account}; {@code parentBlock} is the block it was split or moved from (none for an issued block).
     */
    record Block(long blockId, String display, String issuingRegistry, long start, long end, String projectReference, Period monitoringPeriod,
            int vintage, String account, Long parentBlock, String origin) {}
}
