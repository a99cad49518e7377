package org.jcm.registry.creditissuance.ledger;

public enum TransactionType {
    ISSUANCE,
    INTERNAL_TRANSFER,
    CANCELLATION,
    RETIREMENT
}
