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

    /** A closed period of days, both ends included. */
    record Period(LocalDate start, LocalDate end) {}

    record VintageQuantity(int vintage, long quantity) {}

    /**
     * A serial block as a transaction opened it: serials {@code start..end} (both included) of its registry, held by
     * {@code account}; {@code parentBlock} is the block it was split or moved from (none for an issued block).
     */
    record Block(long blockId, String display, long start, long end, String projectReference, Period monitoringPeriod, int vintage,
            String account, Long parentBlock, String origin) {}
}
