package org.jcm.registry.creditissuance.ledger;

public enum TransactionType {
    ISSUANCE,
    INTERNAL_TRANSFER,
    EXTERNAL_TRANSFER,
    CANCELLATION,
    RETIREMENT,
    AUTHORIZATION
}
