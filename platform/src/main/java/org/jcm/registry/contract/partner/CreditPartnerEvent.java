package org.jcm.registry.contract.partner;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.Limits;

/**
 * The partner-country events credit-issuance applies: the Joint Committee's issuance notifications, the host Party's
 * Article 6 authorizations and corresponding adjustments, and the steps of external transfers with its own registry.
 */
@EventTopic(pattern = Topics.PARTNER_INBOUND_PATTERN, owner = PartnerEventTypes.CREDIT_ISSUANCE)
public sealed interface CreditPartnerEvent
        permits CreditPartnerEvent.IssuanceNotified, CreditPartnerEvent.CreditsAuthorized, CreditPartnerEvent.CorrespondingAdjustmentNotified,
        ExternalTransferProposed, ExternalTransferAnswered {

    String country();

    /**
     * The Joint Committee notified the issuance of the credits of one verified monitoring period of a project the
     * country hosts, in allocation lines (registry, receiving account, vintage, quantity). The registry checks the lines,
     * never recomputes them; it applies a notification once per (project, monitoring period).
     */
    record IssuanceNotified(@NotNull @Size(max = 2) String country, @NotBlank @Size(max = Limits.CODE) String projectReference,
            @NotNull LocalDate monitoringPeriodStart, @NotNull LocalDate monitoringPeriodEnd,
            @NotBlank @Size(max = Limits.REFERENCE) String decisionReference, @NotNull LocalDate decidedOn,
            @NotEmpty @Size(max = Limits.ITEMS) List<@NotNull @Valid Line> lines) implements CreditPartnerEvent {}

    /**
     * The host Party authorized credits of its registry as ITMOs: named serial ranges, or a project's vintages up to a
     * quantity; for uses NDC and/or OIMP, with the act that counts as their first transfer (absent: the country's Article 6
     * setting for OIMP, the first international transfer for NDC only). Applied once per (registry, reference).
     */
    record CreditsAuthorized(@NotNull @Size(max = 2) String country, @NotBlank @Size(max = Limits.REFERENCE) String reference,
            @NotNull LocalDate authorizedOn, @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = "NDC|OIMP") String> uses,
            @Pattern(regexp = "INTERNATIONAL_TRANSFER|AUTHORIZATION|ISSUANCE|USE_OR_CANCELLATION") String firstTransfer,
            @Size(max = Limits.ITEMS) List<@NotNull @Valid SerialRange> ranges, @Size(max = Limits.CODE) String projectReference,
            @Size(max = 20) List<@NotNull @Min(1990) @Max(2199) Integer> vintages, @Min(1) @Max(Limits.MAX_TONNES) Long quantity)
            implements
                CreditPartnerEvent {}

    /** The host Party applied the corresponding adjustment for first-transferred units of its registry (serial ranges) in a year. */
    record CorrespondingAdjustmentNotified(@NotNull @Size(max = 2) String country, @NotBlank @Size(max = Limits.REFERENCE) String reference,
            @Min(2021) @Max(2199) int year,
            @NotEmpty @Size(max = Limits.ITEMS) List<@NotNull @Valid SerialRange> ranges) implements CreditPartnerEvent {}

    /** Serials {@code start..end} of the country's registry, both included. */
    record SerialRange(@Min(1) @Max(Long.MAX_VALUE - 1) long start, @Min(1) @Max(Long.MAX_VALUE - 1) long end) {}

    /** One allocation line: {@code quantity} credits of {@code vintage} into account {@code account} of registry {@code registry}. */
    record Line(@NotBlank @Size(max = 8) String registry, @NotBlank @Size(max = Limits.CODE) String account, @Min(1990) @Max(2199) int vintage,
            @Min(1) @Max(Limits.MAX_TONNES) long quantity) {}
}
