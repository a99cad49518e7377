package org.jcm.registry.creditissuance.ledger;

import java.util.UUID;

import org.jcm.registry.creditissuance.account.Account;

/**
 * A transaction as a feature service builds it for the ledger: what moves, from where to where, who asks and on what
 * decision. The ledger stamps its time and records it COMPLETED together with the blocks it moved.
 */
public record LedgerTransaction(UUID id, TransactionType type, String registryCode, String actor, String decision, Account from, Account to,
        long quantity, UUID issuanceId, String reason, Retirement retirement) {

    /** How retired credits are used: purpose (NDC, OIMP such as CORSIA, VOLUNTARY), by whom, in which year. */
    public record Retirement(String purpose, String beneficiary, int yearOfUse) {}

    /** The account that holds a block this transaction opened: its receiver, or its sender for the part a split kept. */
    public Account holderOf(Block block) {
        return block.accountId().equals(to.id()) ? to : from;
    }

    public static LedgerTransaction issuance(String registryCode, String actor, String decision, Account to, long quantity, UUID issuanceId) {
        return new LedgerTransaction(UUID.randomUUID(), TransactionType.ISSUANCE, registryCode, actor, decision, null, to, quantity, issuanceId, null,
                null);
    }

    public static LedgerTransaction movement(TransactionType type, String actor, String decision, Account from, Account to, long quantity,
            String reason, Retirement retirement) {
        return new LedgerTransaction(UUID.randomUUID(), type, from.registryCode(), actor, decision, from, to, quantity, null, reason, retirement);
    }
}
