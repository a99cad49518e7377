package org.jcm.registry.countryonboarding.country;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class CountryRepository implements PanacheRepositoryBase<PartnerCountry, String> {

    /** Loads a country for a change, locked and fresh, so that its changes (and so its events) are strictly ordered. */
    public PartnerCountry lockForChange(String code) {
        return Aggregates.lockForChange(getEntityManager(), PartnerCountry.class, code)
                .orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_COUNTRY, "no partner country " + code));
    }

    public Optional<PartnerCountry> byCode(String code) {
        return findByIdOptional(code);
    }

    public List<PartnerCountry> list(CountryState state) {
        return state == null ? listAll(Sort.by("code")) : list("state", Sort.by("code"), state);
    }

    public boolean registryCodeTakenByOther(String registryCode, String code) {
        return count("registry.registryCode = ?1 and code <> ?2", registryCode, code) > 0;
    }
}
