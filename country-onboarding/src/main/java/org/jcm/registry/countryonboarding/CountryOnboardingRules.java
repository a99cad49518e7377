package org.jcm.registry.countryonboarding;

import java.util.List;
import java.util.stream.Stream;

import org.jcm.registry.countryonboarding.country.CountryRule;
import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.platform.problem.RuleBook;

/** Every numbered rule of this service, for the OpenAPI document and the rule catalogue. */
public class CountryOnboardingRules implements RuleBook {

    @Override
    public List<Rule> rules() {
        return Stream.of(CountryRule.values()).flatMap(Stream::of).map(Rule.class::cast).toList();
    }
}
