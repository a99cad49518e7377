package org.jcm.registry.contract.partner;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Size;

/**
 * Bodies of the partner-country events that country-onboarding applies (see {@link PartnerEventTypes}): the
 * decisions of a country's Joint Committee about the Joint Committee itself and its Third-Party Entities. Each
 * carries {@code country}, which must be the country of the inbound topic it arrives on.
 */
public final class CountryPartnerEvents {

    private CountryPartnerEvents() {}

    /** The Joint Committee was established on a date. */
    public record JointCommitteeEstablishmentNotified(@Size(max = 2) String country, LocalDate establishedOn, @Size(max = 200) String decisionReference) {}

    /** The Joint Committee designated a TPE for sectoral scopes (1 to 15) from a date. */
    public record TpeDesignationNotified(@Size(max = 2) String country, @Size(max = 64) String tpeId, @Size(max = 200) String name,
            @Size(max = 15) List<Integer> sectoralScopes, LocalDate designatedOn, @Size(max = 200) String decisionReference) {}

    /** The Joint Committee withdrew a TPE's designation from a date. */
    public record TpeWithdrawalNotified(@Size(max = 2) String country, @Size(max = 64) String tpeId, LocalDate withdrawnOn,
            @Size(max = 200) String decisionReference) {}
}
