package org.jcm.registry.countryonboarding.country;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.inbox.PartnerCountries;

/** This service knows its partner countries first hand: who may publish on a partner topic is decided from them. */
@ApplicationScoped
public class OnboardedCountries implements PartnerCountries {

    private final CountryRepository countries;

    public OnboardedCountries(CountryRepository countries) {
        this.countries = countries;
    }

    @Override
    public Optional<CountrySnapshot> find(String code) {
        return countries.byCode(code).map(PartnerCountry::snapshot);
    }

    @Override
    public List<String> active() {
        return countries.list(CountryState.ACTIVE).stream().map(PartnerCountry::code).toList();
    }
}
