package org.jcm.registry.projectregistry.project;

import java.time.LocalDate;
import java.util.Optional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.problem.RuleViolation;

/** Who may take part, decided from the local read model of country-onboarding's events. */
public final class Participation {

    private Participation() {}

    /** Only an ACTIVE host country takes new projects and registrations; a SUSPENDED one is refused with its own code. */
    public static CountrySnapshot requireActive(Optional<CountrySnapshot> known, String code, String action) {
        CountrySnapshot country = known.orElseThrow(() -> new RuleViolation(ProjectRule.UNKNOWN_COUNTRY,
                "no partner country " + code + " is known here (yet): see /api/countries"));
        if (country.state() == CountryState.SUSPENDED) {
            throw new RuleViolation(ProjectRule.COUNTRY_SUSPENDED, code + " is suspended: cannot " + action + " until it is reinstated");
        }
        if (country.state() != CountryState.ACTIVE) {
            throw new RuleViolation(ProjectRule.COUNTRY_NOT_ACTIVE,
                    code + " is " + country.state() + ": cannot " + action + "; the country must be ACTIVE");
        }
        return country;
    }

    /** The TPE must be designated by the country's Joint Committee for the sectoral scope on the date. */
    public static TpeDesignation requireDesignatedTpe(CountrySnapshot country, String tpeId, int sectoralScope, LocalDate on) {
        TpeDesignation tpe = country.thirdPartyEntities().stream().filter(t -> t.tpeId().equals(tpeId)).findFirst()
                .orElseThrow(() -> new RuleViolation(ProjectRule.TPE_NOT_DESIGNATED, "TPE " + tpeId + " was never designated in " + country.code()));
        if (!tpe.designatedFor(sectoralScope, on)) {
            throw new RuleViolation(ProjectRule.TPE_NOT_DESIGNATED, "TPE " + tpeId + " (" + tpe.name() + ") is designated in " + country.code()
                    + " for scopes " + tpe.sectoralScopes() + " from " + tpe.designatedOn()
                    + (tpe.withdrawnOn() == null ? "" : " until its withdrawal on " + tpe.withdrawnOn())
                    + ", so not for scope " + sectoralScope + " on " + on);
        }
        return tpe;
    }
}
