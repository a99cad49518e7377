package org.jcm.registry.countryonboarding.country;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Embeddable;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.platform.Dates;
import org.jcm.registry.platform.problem.RuleViolation;

/** A country's Third-Party Entity designations, part of its aggregate: each TPE id once, designations never removed. */
@Embeddable
public class TpeDesignations {

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "country_code", nullable = false, updatable = false)
    @OrderBy("designatedOn, tpeId")
    private List<ThirdPartyEntity> designations = new ArrayList<>();

    /** A designation from a date not in the future nor before the Joint Committee was established, of a TPE not designated before. */
    TpeDesignation designate(String code, LocalDate jointCommitteeEstablishedOn, String tpeId, String name, List<Integer> sectoralScopes,
            LocalDate designatedOn, Clock clock) {
        ThirdPartyEntity tpe = ThirdPartyEntity.designate(tpeId, name, sectoralScopes, designatedOn);
        Dates.requireNotFuture(designatedOn, LocalDate.now(clock), "designation date", CountryRule.DATE_IN_FUTURE);
        Dates.requireNotBefore(designatedOn, jointCommitteeEstablishedOn, "designation", "the Joint Committee was established",
                CountryRule.DATE_BEFORE_PREVIOUS_STEP);
        if (find(tpeId).isPresent()) {
            throw new RuleViolation(CountryRule.TPE_ALREADY_DESIGNATED, tpeId + " is already designated in " + code + "; see /api/countries/"
                    + code + "/tpes/" + tpeId);
        }
        designations.add(tpe);
        return tpe.view();
    }

    /** The Joint Committee withdraws a designation; the TPE stays in the history (and the snapshot) with its dates. */
    TpeDesignation withdraw(String country, String tpeId, LocalDate withdrawnOn, Clock clock) {
        ThirdPartyEntity tpe = find(tpeId)
                .orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_TPE, "no TPE " + tpeId + " was designated in " + country));
        tpe.withdraw(Dates.requireNotFuture(withdrawnOn, LocalDate.now(clock), "withdrawal date", CountryRule.DATE_IN_FUTURE));
        return tpe.view();
    }

    public Optional<TpeDesignation> designation(String tpeId) {
        return find(tpeId).map(ThirdPartyEntity::view);
    }

    /** Which TPEs were designated for a scope on a date; either may be null, meaning any. */
    public List<TpeDesignation> designatedFor(Integer scope, LocalDate on) {
        return views().stream().filter(t -> t.designatedFor(scope, on)).toList();
    }

    List<TpeDesignation> views() {
        return designations.stream().map(ThirdPartyEntity::view).toList();
    }

    private Optional<ThirdPartyEntity> find(String tpeId) {
        return designations.stream().filter(t -> t.tpeId().equals(tpeId)).findFirst();
    }
}
