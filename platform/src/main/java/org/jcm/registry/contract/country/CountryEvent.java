package org.jcm.registry.contract.country;

import java.time.LocalDate;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/**
 * Events of the partner-country aggregate on {@link org.jcm.registry.contract.Topics#COUNTRIES}, keyed by the
 * alpha-2 code. Every event carries the country's full state after the change.
 */
@EventTopic(Topics.COUNTRIES)
public sealed interface CountryEvent {

    CountrySnapshot country();

    /** Who made the change: an operator's user name, or {@code partner:XX} for a partner-country system. */
    String actor();

    record PartnerCountryProposed(CountrySnapshot country, String actor) implements CountryEvent {}

    record BilateralDocumentSigned(CountrySnapshot country, String actor, LocalDate signedOn) implements CountryEvent {}

    record JointCommitteeEstablished(CountrySnapshot country, String actor, LocalDate establishedOn) implements CountryEvent {}

    record PartnerCountryActivated(CountrySnapshot country, String actor, LocalDate activatedOn) implements CountryEvent {}

    record PartnerCountrySuspended(CountrySnapshot country, String actor, LocalDate suspendedOn, String reason) implements CountryEvent {}

    record PartnerCountryReinstated(CountrySnapshot country, String actor, LocalDate reinstatedOn) implements CountryEvent {}

    record PartnerCountryTerminated(CountrySnapshot country, String actor, LocalDate terminatedOn, String reason) implements CountryEvent {}

    record ThirdPartyEntityDesignated(CountrySnapshot country, String actor, CountrySnapshot.TpeDesignation designation) implements CountryEvent {}

    record ThirdPartyEntityWithdrawn(CountrySnapshot country, String actor, String tpeId, LocalDate withdrawnOn) implements CountryEvent {}

    record Article6SettingsChanged(CountrySnapshot country, String actor, CountrySnapshot.Article6Settings settings) implements CountryEvent {}
}
