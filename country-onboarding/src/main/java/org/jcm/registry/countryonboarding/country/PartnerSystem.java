package org.jcm.registry.countryonboarding.country;

import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.contract.partner.CountryPartnerEvent.JointCommitteeEstablishmentNotified;
import org.jcm.registry.platform.problem.RuleViolation;

/** The partner-country system allowed to publish a country's decisions: its client identity, known once the country is active. */
record PartnerSystem(String clientId) {

    /**
     * A decision is accepted only in a state in which the country publishes such decisions (a Joint Committee establishment
     * needs a signed bilateral document; TPE decisions an ACTIVE country), and only from the country's own system.
     */
    void accept(CountryPartnerEvent decision, String source, String country, CountryState state, boolean bilateralDocumentSigned) {
        boolean establishment = decision instanceof JointCommitteeEstablishmentNotified;
        if (establishment ? !bilateralDocumentSigned || state == CountryState.TERMINATED : state != CountryState.ACTIVE) {
            throw new RuleViolation(CountryRule.PARTNER_MAY_NOT_PUBLISH, country + " is " + state + ": " + (establishment
                    ? "a Joint Committee establishment needs a signed bilateral document"
                    : "only an ACTIVE country publishes TPE decisions"));
        }
        if (clientId != null && !clientId.equals(source)) {
            throw new RuleViolation(CountryRule.PARTNER_SOURCE_MISMATCH, "an event with source '" + source + "' is not from " + country
                    + "'s partner system '" + clientId + "'");
        }
    }
}
