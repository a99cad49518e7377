package org.jcm.registry.contract.partner;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jcm.registry.platform.Limits;

/**
 * The receiving registry's answer to an {@link ExternalTransferProposed}, the same message both ways: accepted (the
 * credits are credited on the receiving side, and the sending side debits its reserved blocks) or rejected with the
 * numbered reason ({@code ruleCode}, {@code reason}) of the check that failed (the sending side releases them).
 * {@code country} is the partner's (the topic's).
 */
public record ExternalTransferAnswered(@NotNull @Size(max = 2) String country, @NotNull UUID transferId, boolean accepted,
        @Size(max = Limits.CODE) String ruleCode, @Size(max = Limits.TEXT) String reason) implements CreditPartnerEvent, PartnerAnswer {}
