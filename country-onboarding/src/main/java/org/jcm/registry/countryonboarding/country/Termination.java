package org.jcm.registry.countryonboarding.country;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.jcm.registry.platform.problem.RuleViolation;

/** When, and why, a partnership ended: a termination always says why. */
@Embeddable
public record Termination(@Column(name = "terminated_on") LocalDate terminatedOn, @Column(name = "termination_reason") String reason) {

    public Termination {
        reason = requireReason(reason);
    }

    static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation(CountryRule.REASON_REQUIRED, "say why, e.g. the Joint Committee's decision it rests on");
        }
        return reason.strip();
    }
}
