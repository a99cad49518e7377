package org.jcm.registry.creditissuance.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the ledger's queries answer, as the API shows it. */
public final class LedgerViews {

    private LedgerViews() {}

    /**
     * One version of a serial block: who held serials {@code start..end} of issuing registry {@code registry} from
     * {@code openedAt} until {@code closedAt} (null: still); {@code reservedFor}: the pending external transfer it is reserved for.
     */
    public record BlockView(long id, String display, String registry, long start, long end, long quantity, String projectReference,
            LocalDate periodStart, LocalDate periodEnd, int vintage, String account, String origin, Long parentBlock, UUID openedBy,
            Instant openedAt, UUID closedBy, Instant closedAt, UUID reservedFor, @JsonInclude(JsonInclude.Include.NON_NULL) Article6State article6) {

        public BlockView(long id, String display, String registry, long start, long end, long quantity, String projectReference,
                LocalDate periodStart, LocalDate periodEnd, int vintage, String account, String origin, Long parentBlock, UUID openedBy,
                Instant openedAt, UUID closedBy, Instant closedAt, UUID reservedFor) {
            this(id, display, registry, start, end, quantity, projectReference, periodStart, periodEnd, vintage, account, origin, parentBlock,
                    openedBy, openedAt, closedBy, closedAt, reservedFor, null);
        }

        public BlockView withArticle6(Article6State state) {
            return new BlockView(id, display, registry, start, end, quantity, projectReference, periodStart, periodEnd, vintage, account, origin,
                    parentBlock, openedBy, openedAt, closedBy, closedAt, reservedFor, state);
        }
    }

    /**
     * The Article 6 state of a block of ITMOs at an instant (holdings show it; absent for credits not authorized):
     * its authorization, uses and first-transfer definition; its state AUTHORIZED, FIRST_TRANSFERRED, ACQUIRED (held
     * by another Party than the one that issued it), USED or CANCELLED; the act and time of its first transfer, if
     * recorded; whether the corresponding adjustment was applied; its first and last ITMO identifier.
     */
    public record Article6State(String authorization, List<String> uses, String firstTransferDefinition, String state, String firstTransferAct,
            Instant firstTransferredAt, boolean adjustmentApplied, String firstItmo, String lastItmo) {}

    /**
     * A transaction with the blocks it closed (ids) and opened. The steps of an external transfer name it ({@code transferId})
     * and the receiving registry ({@code counterpartRegistry}; {@code registry} is the sending one); their state is PROPOSED
     * (the blocks reserved), COMPLETED (debited and credited) or REJECTED (released).
     */
    public record TransactionView(UUID id, long seq, String type, String state, String registry, String actor, Instant at, String decision,
            String fromAccount, String toAccount, long quantity, UUID issuanceId, String reason, String retirementPurpose, String beneficiary,
            Integer yearOfUse, UUID transferId, String counterpartRegistry, List<Long> closedBlocks, List<BlockView> openedBlocks) {

        /** The transaction the ledger has just completed, as the log will show it, without reading it back. */
        public static TransactionView of(Ledger.Completed done) {
            LedgerTransaction tx = done.transaction();
            LedgerTransaction.Retirement use = tx.retirement();
            List<BlockView> opened = done.opened().stream().map(b -> new BlockView(b.id(), b.display(), b.registryCode(), b.range().start(),
                    b.range().end(), b.size(), b.attributes().projectReference(), b.attributes().periodStart(), b.attributes().periodEnd(),
                    b.attributes().vintage(), b.accountNumber(), b.origin(), b.parentId(), b.openedBy(), b.openedAt(), null, null, b.reservedFor()))
                    .toList();
            return new TransactionView(tx.id(), done.seq(), tx.type().name(), done.state(), tx.registryCode(), tx.actor(), done.at(), tx.decision(),
                    tx.from() == null ? null : tx.from().number(), tx.to() == null ? null : tx.to().number(), tx.quantity(), tx.issuanceId(),
                    tx.reason(), use == null ? null : use.purpose(), use == null ? null : use.beneficiary(), use == null ? null : use.yearOfUse(),
                    tx.transferId(), tx.counterpartRegistry(), done.closed(), opened);
        }
    }

    /** A page of the transaction log in order; {@code next} is the {@code after} of the next page, null at the end. */
    public record TransactionPage(List<TransactionView> transactions, Long next) {}

    /** One step in the life of a serial: the transaction that opened the block version holding it. */
    public record LineageStep(String step, String transactionType, UUID transaction, Instant at, String actor, String accountType, BlockView block) {}

    public record Lineage(String registry, long serial, List<LineageStep> steps) {}

    /** What an account held at an instant. */
    public record Holdings(String account, String registry, Instant asOf, long total, List<BlockView> blocks) {

        public Holdings withBlocks(List<BlockView> shown) {
            return new Holdings(account, registry, asOf, total, shown);
        }
    }

    /**
     * Per registry or per project: issued + received from other registries = held + retired + cancelled + transferred out
     * to other registries. {@code reserved} (part of {@code held}) waits for a pending external transfer's answer.
     */
    public record Balance(String registry, String project, long issued, long received, long held, long reserved, long retired, long cancelled,
            long transferredOut, boolean holds) {}

    /** The conservation check: every balance, and any two current blocks of one registry that overlap (there must be none). */
    public record Conservation(boolean holds, Instant checkedAt, List<Balance> registries, List<Balance> projects, List<String> overlaps) {}
}
