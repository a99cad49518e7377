package org.jcm.registry.platform.inbox;

import java.util.List;
import java.util.Optional;

import org.jcm.registry.contract.country.CountrySnapshot;

/**
 * The partner countries as this service knows them, to decide whether a partner-country system may publish: its
 * country's state and registered system. country-onboarding reads its own countries; the other services their read model
 * of country-onboarding's events (the platform's default).
 */
public interface PartnerCountries {

    Optional<CountrySnapshot> find(String code);

    /** The codes of the partner countries now ACTIVE, which the registry tells what it publishes to partners. */
    List<String> active();
}
