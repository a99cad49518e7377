package org.jcm.registry.contract.partner;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/**
 * The partner-country events country-onboarding applies: the decisions of a country's Joint Committee about the Joint
 * Committee itself and its Third-Party Entities. Each carries {@code country}, which must be its inbound topic's.
 */
@EventTopic(pattern = Topics.PARTNER_INBOUND_PATTERN, owner = PartnerEventTypes.COUNTRY_ONBOARDING)
public sealed interface CountryPartnerEvent {

    String country();

    /** The Joint Committee was established on a date. */
    record JointCommitteeEstablishmentNotified(@NotNull @Size(max = 2) String country, @NotNull LocalDate establishedOn,
            @Size(max = 200) String decisionReference)
            implements
                CountryPartnerEvent {}

    /** The Joint Committee designated a TPE for sectoral scopes (1 to 15) from a date. */
    record TpeDesignationNotified(@NotNull @Size(max = 2) String country, @NotNull @Size(max = 64) String tpeId,
            @NotNull @Size(max = 200) String name,
            @NotNull @Size(max = 15) List<Integer> sectoralScopes, @NotNull LocalDate designatedOn, @Size(max = 200) String decisionReference)
            implements
                CountryPartnerEvent {}

    /** The Joint Committee withdrew a TPE's designation from a date. */
    record TpeWithdrawalNotified(@NotNull @Size(max = 2) String country, @NotNull @Size(max = 64) String tpeId, @NotNull LocalDate withdrawnOn,
            @Size(max = 200) String decisionReference) implements CountryPartnerEvent {}
}
