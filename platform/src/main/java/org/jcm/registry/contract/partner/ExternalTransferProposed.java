package org.jcm.registry.contract.partner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jcm.registry.platform.Limits;

/**
 * A proposal to transfer credits from one registry to another (the Kyoto registries' proposal step), the same message
 * both ways: a partner's external registry publishes it on its inbound topic for a registry kept here, and the registry
 * publishes it on a partner's outbound topic for the partner's external registry. {@code country} is the partner's (the
 * topic's). The sending side has reserved the blocks; the receiving side answers with {@link ExternalTransferAnswered}.
 * Blocks keep their serials, issuing registry and vintage across registries.
 */
public record ExternalTransferProposed(@NotNull @Size(max = 2) String country, @NotNull UUID transferId,
        @NotBlank @Size(max = 8) String fromRegistry, @Size(max = Limits.CODE) String fromAccount, @NotBlank @Size(max = 8) String toRegistry,
        @NotBlank @Size(max = Limits.CODE) String toAccount, @Min(1) @Max(Limits.MAX_TONNES) long quantity,
        @Size(max = Limits.REFERENCE) String decision, Instant expiresAt,
        @NotEmpty @Size(max = Limits.ITEMS) List<@NotNull @Valid TransferredBlock> blocks)
        implements
            CreditPartnerEvent,
            PartnerAnswer {

    /**
     * One block of the transfer: serials {@code start..end} of issuing registry {@code issuingRegistry}, with the project,
     * monitoring period and vintage they were issued for; {@code authorization} how the transferring Party authorized them
     * as ITMOs (absent: not authorized).
     */
    public record TransferredBlock(@NotBlank @Size(max = 8) String issuingRegistry, @Min(1) @Max(Long.MAX_VALUE - 1) long start,
            @Min(1) @Max(Long.MAX_VALUE - 1) long end, @NotBlank @Size(max = Limits.CODE) String projectReference,
            @NotNull LocalDate monitoringPeriodStart, @NotNull LocalDate monitoringPeriodEnd, @Min(1990) @Max(2199) int vintage,
            @Size(max = Limits.NAME) String firstItmo, @Size(max = Limits.NAME) String lastItmo, @Valid ItmoAuthorization authorization) {}

    /**
     * The Article 6 authorization of a transferred block by the transferring Party: its reference, date, uses, which act
     * counts as first transfer, and whether this transfer is the block's first transfer.
     */
    public record ItmoAuthorization(@NotBlank @Size(max = Limits.REFERENCE) String reference, @NotNull LocalDate authorizedOn,
            @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = "NDC|OIMP") String> uses,
            @NotNull @Pattern(regexp = "INTERNATIONAL_TRANSFER|AUTHORIZATION|ISSUANCE|USE_OR_CANCELLATION") String firstTransfer,
            boolean firstTransferred) {}
}
