package org.jcm.registry.countryonboarding.country;

import java.util.Arrays;

import org.jcm.registry.contract.country.CountrySnapshot.Article6Settings;
import org.jcm.registry.contract.country.CountrySnapshot.FirstTransfer;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.platform.problem.RuleViolation;

/** The rules a country's values keep whatever its state: a registry identity's form, Article 6 settings that fit together. */
final class CountryValues {

    private CountryValues() {}

    /** A registry code of 2 to 8 letters or digits and an Article 6 registry id of the country's alpha-3 and two digits; hosted unless said otherwise. */
    static RegistryIdentity registryIdentity(RegistryIdentity identity, String code, String alpha3) {
        if (identity.article6RegistryId() == null || !identity.article6RegistryId().matches(alpha3 + "\\d{2}")) {
            throw new RuleViolation(CountryRule.INVALID_ARTICLE6_REGISTRY_ID,
                    "expected " + alpha3 + " followed by two digits (e.g. " + alpha3 + "01), got '" + identity.article6RegistryId() + "'");
        }
        if (identity.registryCode() == null || !identity.registryCode().matches("[A-Z0-9]{2,8}")) {
            throw new RuleViolation(CountryRule.INVALID_REGISTRY_CODE,
                    "got '" + identity.registryCode() + "'; the country code itself (" + code + ") is usual");
        }
        return new RegistryIdentity(identity.registryCode(), identity.article6RegistryId(),
                identity.hosting() == null ? Hosting.HOSTED : identity.hosting());
    }

    /** OIMP use names which act counts as the first transfer, and only OIMP use does. */
    static Article6Settings article6Settings(Article6Settings settings) {
        if (settings.oimpUseAuthorized() && settings.oimpFirstTransfer() == null) {
            throw new RuleViolation(CountryRule.FIRST_TRANSFER_REQUIRED,
                    "name which act counts as the first transfer: one of " + Arrays.toString(FirstTransfer.values()));
        }
        if (!settings.oimpUseAuthorized() && settings.oimpFirstTransfer() != null) {
            throw new RuleViolation(CountryRule.FIRST_TRANSFER_WITHOUT_OIMP,
                    "oimpFirstTransfer is " + settings.oimpFirstTransfer() + " but OIMP use is not authorized");
        }
        return settings;
    }
}
