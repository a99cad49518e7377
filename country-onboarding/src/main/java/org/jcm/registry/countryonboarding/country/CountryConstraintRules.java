package org.jcm.registry.countryonboarding.country;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.platform.problem.ConstraintRules;
import org.jcm.registry.platform.problem.Rule;

/** What the database refuses when two requests race past the checks in the code at the same moment. */
@ApplicationScoped
public class CountryConstraintRules implements ConstraintRules {

    private static final Map<String, Rule> RULES = Map.of(
            "partner_country_pkey", CountryRule.ALREADY_ONBOARDED,
            "partner_country_alpha3_key", CountryRule.ALREADY_ONBOARDED,
            "partner_country_registry_code_uk", CountryRule.REGISTRY_CODE_TAKEN,
            "third_party_entity_country_tpe_uk", CountryRule.TPE_ALREADY_DESIGNATED,
            "third_party_entity_withdrawn_after_designated_ck", CountryRule.WITHDRAWAL_BEFORE_DESIGNATION,
            "third_party_entity_scopes_ck", CountryRule.INVALID_SECTORAL_SCOPE);

    @Override
    public Map<String, Rule> byConstraintName() {
        return RULES;
    }
}
