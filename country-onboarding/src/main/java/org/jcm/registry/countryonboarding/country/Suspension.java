package org.jcm.registry.countryonboarding.country;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Since when, and why, a country is suspended: a suspension always says why. */
@Embeddable
public record Suspension(@Column(name = "suspended_on") LocalDate suspendedOn, @Column(name = "suspension_reason") String reason) {

    public Suspension {
        reason = Termination.requireReason(reason);
    }
}
