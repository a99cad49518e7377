package org.jcm.registry.creditissuance.issuance;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of a Joint Committee decision, as issued: its block's transaction. */
@Embeddable
public record AllocationLine(@Column(name = "line_no") int lineNo, @Column(name = "registry_code") String registryCode,
        @Column(name = "account_id") UUID accountId, int vintage, long quantity, @Column(name = "transaction_id") UUID transactionId) {}
