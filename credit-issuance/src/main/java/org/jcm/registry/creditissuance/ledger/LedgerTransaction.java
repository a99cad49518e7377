package org.jcm.registry.creditissuance.ledger;

import java.util.UUID;

import org.jcm.registry.creditissuance.account.Account;

/**
 * A transaction as a feature service builds it for the ledger: what moves, from where to where, who asks and on what
 * decision. The ledger stamps its time and records it with the blocks it closed and opened. An external transfer's
 * steps name the transfer ({@code transferId}) and the other registry ({@code counterpartRegistry}); for them
 * {@code registryCode} is always the sending registry's.
 */
public record LedgerTransaction(UUID id, TransactionType type, String registryCode, String actor, String decision, Account from, Account to,
        long quantity, UUID issuanceId, String reason, Retirement retirement, UUID transferId, String counterpartRegistry) {

    /** How retired credits are used: purpose (NDC, OIMP such as CORSIA, VOLUNTARY), by whom, in which year. */
    public record Retirement(String purpose, String beneficiary, int yearOfUse) {}

    public static LedgerTransaction issuance(String registryCode, String actor, String decision, Account to, long quantity, UUID issuanceId) {
        return new LedgerTransaction(UUID.randomUUID(), TransactionType.ISSUANCE, registryCode, actor, decision, null, to, quantity, issuanceId, null,
                null, null, null);
    }

    public static LedgerTransaction movement(TransactionType type, String actor, String decision, Account from, Account to, long quantity,
            String reason, Retirement retirement) {
        return new LedgerTransaction(UUID.randomUUID(), type, from.registryCode(), actor, decision, from, to, quantity, null, reason, retirement,
                null,
                null);
    }

    /**
     * One step of an external transfer from {@code sendingRegistry} to {@code receivingRegistry}: {@code from} is the
     * sending account (null if it is external), {@code to} the receiving one (null if it is external).
     */
    public static LedgerTransaction externalStep(UUID transferId, String sendingRegistry, String receivingRegistry, String actor, String decision,
            Account from, Account to, long quantity, String reason) {
        return new LedgerTransaction(UUID.randomUUID(), TransactionType.EXTERNAL_TRANSFER, sendingRegistry, actor, decision, from, to, quantity, null,
                reason, null, transferId, receivingRegistry);
    }

    /** The authorization of units of {@code registryCode}: it splits blocks so that the authorized units are whole blocks. */
    public static LedgerTransaction authorization(String registryCode, String actor, String reference, long quantity) {
        return new LedgerTransaction(UUID.randomUUID(), TransactionType.AUTHORIZATION, registryCode, actor, reference, null, null, quantity, null,
                null,
                null, null, null);
    }
}
