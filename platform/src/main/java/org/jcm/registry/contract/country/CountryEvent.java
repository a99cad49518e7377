package org.jcm.registry.contract.country;

import java.time.LocalDate;
import java.util.Map;

/**
 * Events of the partner-country aggregate on {@link org.jcm.registry.contract.Topics#COUNTRIES}, keyed by the
 * alpha-2 code. Every event carries the country's full state after the change.
 */
public sealed interface CountryEvent {

    CountrySnapshot country();

    /** Who made the change: an operator's user name, or {@code partner:XX} for a partner-country system. */
    String actor();

    static String typeOf(Class<? extends CountryEvent> eventClass) {
        return eventClass.getSimpleName();
    }

    /** Event types this topic carries, by CloudEvents {@code type}. */
    Map<String, Class<? extends CountryEvent>> TYPES = Map.ofEntries(
            type(PartnerCountryProposed.class),
            type(BilateralDocumentSigned.class),
            type(JointCommitteeEstablished.class),
            type(PartnerCountryActivated.class),
            type(PartnerCountrySuspended.class),
            type(PartnerCountryReinstated.class),
            type(PartnerCountryTerminated.class),
            type(ThirdPartyEntityDesignated.class),
            type(ThirdPartyEntityWithdrawn.class),
            type(Article6SettingsChanged.class));

    private static Map.Entry<String, Class<? extends CountryEvent>> type(Class<? extends CountryEvent> c) {
        return Map.entry(typeOf(c), c);
    }

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
