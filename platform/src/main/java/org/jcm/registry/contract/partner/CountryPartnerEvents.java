package org.jcm.registry.contract.partner;

import java.time.LocalDate;
import java.util.List;

/**
 * Bodies of the partner-country events that country-onboarding applies (see {@link PartnerEventTypes}): the
 * decisions of a country's Joint Committee about the Joint Committee itself and its Third-Party Entities. Each
 * carries {@code country}, which must be the country of the inbound topic it arrives on.
 */
public final class CountryPartnerEvents {

    private CountryPartnerEvents() {}

    /** The Joint Committee was established on a date. */
    public record JointCommitteeEstablishmentNotified(String country, LocalDate establishedOn, String decisionReference) {}

    /** The Joint Committee designated a TPE for sectoral scopes (1 to 15) from a date. */
    public record TpeDesignationNotified(String country, String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn,
            String decisionReference) {}

    /** The Joint Committee withdrew a TPE's designation from a date. */
    public record TpeWithdrawalNotified(String country, String tpeId, LocalDate withdrawnOn, String decisionReference) {}
}
