package org.jcm.registry.contract.partner;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.Limits;

/** The partner-country events credit-issuance applies. */
@EventTopic(pattern = Topics.PARTNER_INBOUND_PATTERN, owner = PartnerEventTypes.CREDIT_ISSUANCE)
public sealed interface CreditPartnerEvent {

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

    /** One allocation line: {@code quantity} credits of {@code vintage} into account {@code account} of registry {@code registry}. */
    record Line(@NotBlank @Size(max = 8) String registry, @NotBlank @Size(max = Limits.CODE) String account, @Min(1990) @Max(2199) int vintage,
            @Min(1) @Max(Limits.MAX_TONNES) long quantity) {}
}
