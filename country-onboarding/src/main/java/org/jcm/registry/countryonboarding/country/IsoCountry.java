package org.jcm.registry.countryonboarding.country;

import java.util.Locale;
import java.util.Set;

import org.jcm.registry.platform.problem.RuleViolation;

/** An ISO 3166-1 country, checked against the list the JDK carries. */
public record IsoCountry(String alpha2, String alpha3) {

    private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());

    public static IsoCountry of(String alpha2, String alpha3) {
        if (alpha2 == null || !ALPHA2.contains(alpha2)) {
            throw new RuleViolation(CountryRule.UNKNOWN_ISO_CODE, "'" + alpha2 + "' is not an ISO 3166-1 alpha-2 code (upper case, e.g. MN, VN, TH)");
        }
        String expected = new Locale("", alpha2).getISO3Country();
        if (alpha3 != null && !expected.equals(alpha3)) {
            throw new RuleViolation(CountryRule.ALPHA3_MISMATCH, "the alpha-3 code of " + alpha2 + " is " + expected + ", not " + alpha3);
        }
        return new IsoCountry(alpha2, expected);
    }
}
