package org.jcm.registry.countryonboarding.country;

import static org.jcm.registry.platform.Dates.requireNotBefore;
import static org.jcm.registry.platform.Dates.requireNotFuture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Article6Settings;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A partner country of the JCM and its place in the lifecycle. Each step is a method that checks the state and the date
 * it is given (against the clock it is given) and moves the revision on: the revision is the version every event's
 * snapshot carries.
 */
@Entity
@Table(name = "partner_country")
public class PartnerCountry {

    public static final String JAPAN = "JP";

    @Id
    private String code;
    private String alpha3;
    private String name;
    @Enumerated(EnumType.STRING)
    private CountryState state;
    private long revision;
    private LocalDate bilateralDocumentSignedOn;
    private LocalDate jointCommitteeEstablishedOn;
    private LocalDate activatedOn;
    @Embedded
    private RegistryIdentity registry;
    private String partnerSystemClientId;
    @Embedded
    private Suspension suspension;
    private LocalDate reinstatedOn;
    @Embedded
    private Termination termination;
    /** Who made the last change; the event log keeps who made each one. */
    private String lastChangedBy;
    @Embedded
    private Article6Settings article6;
    @Embedded
    private TpeDesignations tpes = new TpeDesignations();
    private Instant createdAt;
    private Instant updatedAt;

    protected PartnerCountry() {}

    private PartnerCountry(IsoCountry iso, String name, Instant now) {
        this.code = iso.alpha2();
        this.alpha3 = iso.alpha3();
        this.name = name;
        this.state = CountryState.PROPOSED;
        this.revision = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A country proposed as a partner; Japan is the fixed counterpart and is never proposed. */
    public static PartnerCountry propose(IsoCountry iso, String name, Clock clock) {
        if (JAPAN.equals(iso.alpha2())) {
            throw new RuleViolation(CountryRule.JAPAN_IS_FIXED, "Japan is present from the start and is not proposed as a partner");
        }
        return new PartnerCountry(iso, name, clock.instant());
    }

    /** Japan, the counterpart of every partnership: active from the start, its registry hosted here. */
    static PartnerCountry japan(Clock clock) {
        PartnerCountry jp = new PartnerCountry(IsoCountry.of(JAPAN, "JPN"), "Japan", clock.instant());
        jp.state = CountryState.ACTIVE;
        jp.registry = new RegistryIdentity(JAPAN, "JPN01", Hosting.HOSTED);
        return jp;
    }

    public void signBilateralDocument(LocalDate signedOn, Clock clock) {
        requireState(CountryState.PROPOSED, "sign the bilateral document");
        bilateralDocumentSignedOn = notFuture(signedOn, clock, "signing date");
        moveTo(CountryState.BILATERAL_DOCUMENT_SIGNED, clock);
    }

    public void establishJointCommittee(LocalDate establishedOn, Clock clock) {
        requireState(CountryState.BILATERAL_DOCUMENT_SIGNED, "establish the Joint Committee");
        notFuture(establishedOn, clock, "Joint Committee establishment date");
        jointCommitteeEstablishedOn = notBefore(establishedOn, bilateralDocumentSignedOn, "the Joint Committee", "the bilateral document was signed");
        moveTo(CountryState.JOINT_COMMITTEE_ESTABLISHED, clock);
    }

    public void activate(LocalDate activatedOn, RegistryIdentity identity, String partnerSystemClientId, Clock clock) {
        requireState(CountryState.JOINT_COMMITTEE_ESTABLISHED, "activate the country");
        notFuture(activatedOn, clock, "activation date");
        notBefore(activatedOn, jointCommitteeEstablishedOn, "activation", "the Joint Committee was established");
        this.registry = CountryValues.registryIdentity(identity, code, alpha3);
        this.activatedOn = activatedOn;
        this.partnerSystemClientId = partnerSystemClientId;
        moveTo(CountryState.ACTIVE, clock);
    }

    public void suspend(LocalDate suspendedOn, String reason, Clock clock) {
        requireNotJapan("suspended");
        requireState(CountryState.ACTIVE, "suspend the country");
        Suspension s = new Suspension(suspendedOn, reason);
        notFuture(suspendedOn, clock, "suspension date");
        notBefore(suspendedOn, latestStepDate(), "the suspension", "the country's previous step took effect");
        this.suspension = s;
        moveTo(CountryState.SUSPENDED, clock);
    }

    public void reinstate(LocalDate reinstatedOn, Clock clock) {
        requireState(CountryState.SUSPENDED, "reinstate the country");
        notFuture(reinstatedOn, clock, "reinstatement date");
        this.reinstatedOn = notBefore(reinstatedOn, suspension.suspendedOn(), "the reinstatement", "the country was suspended");
        moveTo(CountryState.ACTIVE, clock);
    }

    /** Ends the partnership, from ACTIVE or SUSPENDED. Final: nothing changes a terminated country any more. */
    public void terminate(LocalDate terminatedOn, String reason, Clock clock) {
        requireNotJapan("terminated");
        if (state != CountryState.ACTIVE && state != CountryState.SUSPENDED) {
            throw illegal("terminate " + code, "ACTIVE or SUSPENDED");
        }
        Termination t = new Termination(terminatedOn, reason);
        notFuture(terminatedOn, clock, "termination date");
        notBefore(terminatedOn, latestStepDate(), "the termination", "the country's previous step took effect");
        this.termination = t;
        moveTo(CountryState.TERMINATED, clock);
    }

    /** The Joint Committee designates a TPE: it needs an established Joint Committee and a country JOINT_COMMITTEE_ESTABLISHED or ACTIVE. */
    public TpeDesignation designateTpe(String tpeId, String tpeName, List<Integer> sectoralScopes, LocalDate designatedOn, Clock clock) {
        requireNotJapan("given TPEs: TPEs are designated by a partner country's Joint Committee");
        if (state != CountryState.JOINT_COMMITTEE_ESTABLISHED && state != CountryState.ACTIVE) {
            throw illegal("designate a TPE for " + code, "JOINT_COMMITTEE_ESTABLISHED or ACTIVE, with an established Joint Committee");
        }
        return bumped(tpes.designate(code, jointCommitteeEstablishedOn, tpeId, tpeName, sectoralScopes, designatedOn, clock), clock);
    }

    /** The Joint Committee withdraws a designation, while it exists and the country is not TERMINATED. */
    public TpeDesignation withdrawTpe(String tpeId, LocalDate withdrawnOn, Clock clock) {
        if (jointCommitteeEstablishedOn == null || state == CountryState.TERMINATED) {
            throw illegal("withdraw a TPE of " + code, "an established Joint Committee and a country not TERMINATED");
        }
        return bumped(tpes.withdraw(code, tpeId, withdrawnOn, clock), clock);
    }

    /** Sets the uses the country authorizes its credits for. Returns false, changing nothing, when the settings are already these. */
    public boolean changeArticle6Settings(Article6Settings settings, Clock clock) {
        if (state == CountryState.TERMINATED) {
            throw illegal("change the Article 6 settings of " + code, "a country not TERMINATED");
        }
        if (CountryValues.article6Settings(settings).equals(article6)) {
            return false;
        }
        this.article6 = settings;
        bump(clock);
        return true;
    }

    /** A Joint Committee decision the country's own partner system published, if the country's state allows it. */
    public void acceptPartnerDecision(CountryPartnerEvent decision) {
        PartnerSystem.accept(decision, code, state, bilateralDocumentSignedOn != null);
    }

    /** The country's TPE designations, to read. */
    public TpeDesignations tpes() {
        return tpes;
    }

    /** Records who made the change about to be published. */
    public void changedBy(String actor) {
        this.lastChangedBy = actor;
    }

    public CountrySnapshot snapshot() {
        return new CountrySnapshot(code, alpha3, name, state, revision, bilateralDocumentSignedOn, jointCommitteeEstablishedOn, activatedOn,
                registry, partnerSystemClientId, tpes.views(), article6,
                suspension == null ? null : suspension.suspendedOn(), suspension == null ? null : suspension.reason(), reinstatedOn,
                termination == null ? null : termination.terminatedOn(), termination == null ? null : termination.reason());
    }

    public String code() {
        return code;
    }

    /** The date the country's latest lifecycle step took effect: nothing may be dated before it. */
    private LocalDate latestStepDate() {
        return Stream.of(bilateralDocumentSignedOn, jointCommitteeEstablishedOn, activatedOn, suspension == null ? null : suspension.suspendedOn(),
                reinstatedOn).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private void requireNotJapan(String what) {
        if (JAPAN.equals(code)) {
            throw new RuleViolation(CountryRule.JAPAN_IS_FIXED, "Japan is the counterpart of every partnership and cannot be " + what);
        }
    }

    private void requireState(CountryState required, String action) {
        if (state != required) {
            throw illegal(action + " for " + code, required.name());
        }
    }

    private RuleViolation illegal(String action, String required) {
        return new RuleViolation(CountryRule.ILLEGAL_TRANSITION, "cannot " + action + ": it is " + state + ", and this step needs " + required);
    }

    private static LocalDate notFuture(LocalDate date, Clock clock, String what) {
        return requireNotFuture(date, LocalDate.now(clock), what, CountryRule.DATE_IN_FUTURE);
    }

    private static LocalDate notBefore(LocalDate date, LocalDate previous, String what, String previousWhat) {
        return requireNotBefore(date, previous, what, previousWhat, CountryRule.DATE_BEFORE_PREVIOUS_STEP);
    }

    private void moveTo(CountryState next, Clock clock) {
        state = next;
        bump(clock);
    }

    private <T> T bumped(T result, Clock clock) {
        bump(clock);
        return result;
    }

    private void bump(Clock clock) {
        revision++;
        updatedAt = clock.instant();
    }
}
