package org.jcm.registry.countryonboarding.country;

import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.contract.partner.CountryPartnerEvent.JointCommitteeEstablishmentNotified;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The decisions a partner country's own system may publish in the country's state. That the event comes from that system
 * (its topic, its source) the platform checks for every service before the event reaches the country.
 */
final class PartnerSystem {

    private PartnerSystem() {}

    /** A Joint Committee establishment needs a signed bilateral document (and no termination); TPE decisions an ACTIVE country. */
    static void accept(CountryPartnerEvent decision, String country, CountryState state, boolean bilateralDocumentSigned) {
        boolean establishment = decision instanceof JointCommitteeEstablishmentNotified;
        if (establishment ? !bilateralDocumentSigned || state == CountryState.TERMINATED : state != CountryState.ACTIVE) {
            throw new RuleViolation(CountryRule.PARTNER_MAY_NOT_PUBLISH, country + " is " + state + ": " + (establishment
                    ? "a Joint Committee establishment needs a signed bilateral document"
                    : "only an ACTIVE country publishes TPE decisions"));
        }
    }
}
