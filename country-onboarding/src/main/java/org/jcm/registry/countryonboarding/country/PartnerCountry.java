package org.jcm.registry.countryonboarding.country;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Article6Settings;
import org.jcm.registry.contract.country.CountrySnapshot.FirstTransfer;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A partner country of the JCM and its place in the lifecycle. Each step is a method that checks the state and
 * the date it is given, and moves the revision on: the revision is the version every event's snapshot carries.
 */
@Entity
@Table(name = "partner_country")
public class PartnerCountry {

    public static final String JAPAN = "JP";

    @Id
    @Column(length = 2)
    private String code;

    @Column(nullable = false, length = 3)
    private String alpha3;

    @Column(nullable = false, columnDefinition = "text")
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private CountryState state;

    @Column(nullable = false)
    private long revision;

    @Column(name = "bilateral_document_signed_on")
    private LocalDate bilateralDocumentSignedOn;

    @Column(name = "joint_committee_established_on")
    private LocalDate jointCommitteeEstablishedOn;

    @Column(name = "activated_on")
    private LocalDate activatedOn;

    @Column(name = "registry_code", columnDefinition = "text")
    private String registryCode;

    @Column(name = "article6_registry_id", columnDefinition = "text")
    private String article6RegistryId;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "text")
    private Hosting hosting;

    @Column(name = "partner_system_client_id", columnDefinition = "text")
    private String partnerSystemClientId;

    @Column(name = "suspended_on")
    private LocalDate suspendedOn;

    @Column(name = "suspension_reason", columnDefinition = "text")
    private String suspensionReason;

    @Column(name = "reinstated_on")
    private LocalDate reinstatedOn;

    @Column(name = "terminated_on")
    private LocalDate terminatedOn;

    @Column(name = "termination_reason", columnDefinition = "text")
    private String terminationReason;

    /** Who made the last change; the event log keeps who made each one. */
    @Column(name = "last_changed_by", columnDefinition = "text")
    private String lastChangedBy;

    @Column(name = "ndc_use_authorized")
    private Boolean ndcUseAuthorized;

    @Column(name = "oimp_use_authorized")
    private Boolean oimpUseAuthorized;

    @Enumerated(EnumType.STRING)
    @Column(name = "oimp_first_transfer", columnDefinition = "text")
    private FirstTransfer oimpFirstTransfer;

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "country_code", nullable = false, updatable = false)
    @OrderBy("designatedOn, tpeId")
    private List<ThirdPartyEntity> thirdPartyEntities = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PartnerCountry() {}

    private PartnerCountry(IsoCountry iso, String name) {
        this.code = iso.alpha2();
        this.alpha3 = iso.alpha3();
        this.name = name;
        this.state = CountryState.PROPOSED;
        this.revision = 1;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public static PartnerCountry propose(IsoCountry iso, String name) {
        if (JAPAN.equals(iso.alpha2())) {
            throw new RuleViolation(CountryRule.JAPAN_IS_FIXED, "Japan is present from the start and is not proposed as a partner");
        }
        return new PartnerCountry(iso, name);
    }

    /** Japan, the counterpart of every partnership: active from the start, its registry hosted here. */
    static PartnerCountry japan() {
        PartnerCountry jp = new PartnerCountry(IsoCountry.of(JAPAN, "JPN"), "Japan");
        jp.state = CountryState.ACTIVE;
        jp.registryCode = JAPAN;
        jp.article6RegistryId = "JPN01";
        jp.hosting = Hosting.HOSTED;
        return jp;
    }

    public void signBilateralDocument(LocalDate signedOn, LocalDate today) {
        requireState(CountryState.PROPOSED, "sign the bilateral document");
        requireNotFuture(signedOn, today, "signing date");
        bilateralDocumentSignedOn = signedOn;
        moveTo(CountryState.BILATERAL_DOCUMENT_SIGNED);
    }

    public void establishJointCommittee(LocalDate establishedOn, LocalDate today) {
        requireState(CountryState.BILATERAL_DOCUMENT_SIGNED, "establish the Joint Committee");
        requireNotFuture(establishedOn, today, "Joint Committee establishment date");
        requireNotBefore(establishedOn, bilateralDocumentSignedOn, "the Joint Committee", "the bilateral document was signed");
        jointCommitteeEstablishedOn = establishedOn;
        moveTo(CountryState.JOINT_COMMITTEE_ESTABLISHED);
    }

    public void activate(LocalDate activatedOn, RegistryIdentity registry, String partnerSystemClientId, LocalDate today) {
        requireState(CountryState.JOINT_COMMITTEE_ESTABLISHED, "activate the country");
        requireNotFuture(activatedOn, today, "activation date");
        requireNotBefore(activatedOn, jointCommitteeEstablishedOn, "activation", "the Joint Committee was established");
        String expectedPrefix = alpha3;
        if (registry.article6RegistryId() == null || !registry.article6RegistryId().matches(expectedPrefix + "\\d{2}")) {
            throw new RuleViolation(CountryRule.INVALID_ARTICLE6_REGISTRY_ID,
                    "expected " + expectedPrefix + " followed by two digits (e.g. " + expectedPrefix + "01), got '" + registry.article6RegistryId() + "'");
        }
        if (registry.registryCode() == null || !registry.registryCode().matches("[A-Z0-9]{2,8}")) {
            throw new RuleViolation(CountryRule.INVALID_REGISTRY_CODE, "got '" + registry.registryCode() + "'; the country code itself (" + code + ") is usual");
        }
        this.activatedOn = activatedOn;
        this.registryCode = registry.registryCode();
        this.article6RegistryId = registry.article6RegistryId();
        this.hosting = registry.hosting() == null ? Hosting.HOSTED : registry.hosting();
        this.partnerSystemClientId = partnerSystemClientId;
        moveTo(CountryState.ACTIVE);
    }

    public void suspend(LocalDate suspendedOn, String reason, LocalDate today) {
        requireNotJapan("suspended");
        requireState(CountryState.ACTIVE, "suspend the country");
        requireReason(reason);
        requireNotFuture(suspendedOn, today, "suspension date");
        requireNotBefore(suspendedOn, latestStepDate(), "the suspension", "the country's previous step took effect");
        this.suspendedOn = suspendedOn;
        this.suspensionReason = reason.strip();
        moveTo(CountryState.SUSPENDED);
    }

    public void reinstate(LocalDate reinstatedOn, LocalDate today) {
        requireState(CountryState.SUSPENDED, "reinstate the country");
        requireNotFuture(reinstatedOn, today, "reinstatement date");
        requireNotBefore(reinstatedOn, suspendedOn, "the reinstatement", "the country was suspended");
        this.reinstatedOn = reinstatedOn;
        moveTo(CountryState.ACTIVE);
    }

    /** Ends the partnership, from ACTIVE or SUSPENDED. Final: nothing changes a terminated country any more. */
    public void terminate(LocalDate terminatedOn, String reason, LocalDate today) {
        requireNotJapan("terminated");
        if (state != CountryState.ACTIVE && state != CountryState.SUSPENDED) {
            throw new RuleViolation(CountryRule.ILLEGAL_TRANSITION,
                    "cannot terminate " + code + ": it is " + state + ", and only an ACTIVE or SUSPENDED partnership can be terminated");
        }
        requireReason(reason);
        requireNotFuture(terminatedOn, today, "termination date");
        requireNotBefore(terminatedOn, latestStepDate(), "the termination", "the country's previous step took effect");
        this.terminatedOn = terminatedOn;
        this.terminationReason = reason.strip();
        moveTo(CountryState.TERMINATED);
    }

    /**
     * The Joint Committee designates a TPE for sectoral scopes from a date. Its Joint Committee must exist
     * (established, or the country active); a suspended country takes no new designations.
     */
    public TpeDesignation designateTpe(String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn, LocalDate today) {
        if (JAPAN.equals(code)) {
            throw new RuleViolation(CountryRule.JAPAN_IS_FIXED, "TPEs are designated by a partner country's Joint Committee; Japan has none of its own");
        }
        if (state != CountryState.JOINT_COMMITTEE_ESTABLISHED && state != CountryState.ACTIVE) {
            throw new RuleViolation(CountryRule.ILLEGAL_TRANSITION, "cannot designate a TPE for " + code + ": it is " + state
                    + ", and designations need an established Joint Committee and a country that is JOINT_COMMITTEE_ESTABLISHED or ACTIVE");
        }
        if (tpeId == null || !tpeId.matches("[A-Za-z0-9._-]{1,64}") || name == null || name.isBlank()) {
            throw new RuleViolation(CountryRule.INVALID_TPE, "got id '" + tpeId + "' and name '" + name + "'");
        }
        List<Integer> scopes = scopes(sectoralScopes);
        requireNotFuture(designatedOn, today, "designation date");
        requireNotBefore(designatedOn, jointCommitteeEstablishedOn, "a designation", "the Joint Committee was established");
        if (tpe(tpeId).isPresent()) {
            throw new RuleViolation(CountryRule.TPE_ALREADY_DESIGNATED, tpeId + " is already designated in " + code
                    + "; see /api/countries/" + code + "/tpes/" + tpeId);
        }
        ThirdPartyEntity tpe = new ThirdPartyEntity(tpeId, name.strip(), scopes, designatedOn);
        thirdPartyEntities.add(tpe);
        bump();
        return tpe.view();
    }

    /** The Joint Committee withdraws a designation; the TPE stays in the history (and the snapshot) with its dates. */
    public TpeDesignation withdrawTpe(String tpeId, LocalDate withdrawnOn, LocalDate today) {
        if (state == CountryState.TERMINATED || state == CountryState.PROPOSED || state == CountryState.BILATERAL_DOCUMENT_SIGNED) {
            throw new RuleViolation(CountryRule.ILLEGAL_TRANSITION, "cannot withdraw a TPE of " + code + ": it is " + state);
        }
        ThirdPartyEntity tpe = tpe(tpeId)
                .orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_TPE, "no TPE " + tpeId + " was designated in " + code));
        if (tpe.withdrawn()) {
            throw new RuleViolation(CountryRule.TPE_ALREADY_WITHDRAWN, tpeId + " was withdrawn on " + tpe.view().withdrawnOn());
        }
        requireNotFuture(withdrawnOn, today, "withdrawal date");
        if (withdrawnOn.isBefore(tpe.designatedOn())) {
            throw new RuleViolation(CountryRule.WITHDRAWAL_BEFORE_DESIGNATION,
                    tpeId + " was designated on " + tpe.designatedOn() + ", so it cannot be withdrawn on " + withdrawnOn);
        }
        tpe.withdraw(withdrawnOn);
        bump();
        return tpe.view();
    }

    /**
     * Sets the uses the country authorizes its credits for. Returns false, changing nothing, when the settings
     * are already these (a repeated PUT is no new fact).
     */
    public boolean changeArticle6Settings(Article6Settings settings) {
        if (state == CountryState.TERMINATED) {
            throw new RuleViolation(CountryRule.ILLEGAL_TRANSITION, "cannot change the Article 6 settings of " + code + ": it is TERMINATED");
        }
        if (settings.oimpUseAuthorized() && settings.oimpFirstTransfer() == null) {
            throw new RuleViolation(CountryRule.FIRST_TRANSFER_REQUIRED,
                    "name which act counts as the first transfer: one of " + java.util.Arrays.toString(FirstTransfer.values()));
        }
        if (!settings.oimpUseAuthorized() && settings.oimpFirstTransfer() != null) {
            throw new RuleViolation(CountryRule.FIRST_TRANSFER_WITHOUT_OIMP,
                    "oimpFirstTransfer is " + settings.oimpFirstTransfer() + " but OIMP use is not authorized");
        }
        if (settings.equals(article6())) {
            return false;
        }
        this.ndcUseAuthorized = settings.ndcUseAuthorized();
        this.oimpUseAuthorized = settings.oimpUseAuthorized();
        this.oimpFirstTransfer = settings.oimpFirstTransfer();
        bump();
        return true;
    }

    /** Which TPEs were designated for a scope on a date; either may be null, meaning any. */
    public List<TpeDesignation> tpes(Integer scope, LocalDate on) {
        return thirdPartyEntities.stream().map(ThirdPartyEntity::view)
                .filter(t -> scope == null || t.sectoralScopes().contains(scope))
                .filter(t -> on == null || !on.isBefore(t.designatedOn()) && (t.withdrawnOn() == null || on.isBefore(t.withdrawnOn())))
                .toList();
    }

    public Optional<TpeDesignation> tpeDesignation(String tpeId) {
        return tpe(tpeId).map(ThirdPartyEntity::view);
    }

    /** Records who made the change about to be published. */
    public void changedBy(String actor) {
        this.lastChangedBy = actor;
    }

    public LocalDate bilateralDocumentSignedOn() {
        return bilateralDocumentSignedOn;
    }

    public String partnerSystemClientId() {
        return partnerSystemClientId;
    }

    private Optional<ThirdPartyEntity> tpe(String tpeId) {
        return thirdPartyEntities.stream().filter(t -> t.tpeId().equals(tpeId)).findFirst();
    }

    private static List<Integer> scopes(List<Integer> sectoralScopes) {
        if (sectoralScopes == null || sectoralScopes.isEmpty() || sectoralScopes.stream().anyMatch(s -> s == null || s < 1 || s > 15)) {
            throw new RuleViolation(CountryRule.INVALID_SECTORAL_SCOPE, "got " + sectoralScopes);
        }
        return List.copyOf(new TreeSet<>(sectoralScopes));
    }

    private Article6Settings article6() {
        return ndcUseAuthorized == null ? null : new Article6Settings(ndcUseAuthorized, oimpUseAuthorized, oimpFirstTransfer);
    }

    /** The date the country's latest lifecycle step took effect: nothing may be dated before it. */
    private LocalDate latestStepDate() {
        return Stream.of(bilateralDocumentSignedOn, jointCommitteeEstablishedOn, activatedOn, suspendedOn, reinstatedOn)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private void requireNotJapan(String what) {
        if (JAPAN.equals(code)) {
            throw new RuleViolation(CountryRule.JAPAN_IS_FIXED, "Japan is the counterpart of every partnership and cannot be " + what);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation(CountryRule.REASON_REQUIRED, "say why, e.g. the Joint Committee's decision it rests on");
        }
    }

    public CountrySnapshot snapshot() {
        RegistryIdentity registry = registryCode == null ? null : new RegistryIdentity(registryCode, article6RegistryId, hosting);
        return new CountrySnapshot(code, alpha3, name, state, revision, bilateralDocumentSignedOn, jointCommitteeEstablishedOn, activatedOn,
                registry, partnerSystemClientId, thirdPartyEntities.stream().map(ThirdPartyEntity::view).toList(), article6(),
                suspendedOn, suspensionReason, reinstatedOn, terminatedOn, terminationReason);
    }

    private void requireState(CountryState required, String action) {
        if (state != required) {
            throw new RuleViolation(CountryRule.ILLEGAL_TRANSITION,
                    "cannot " + action + " for " + code + ": it is " + state + ", and this step needs " + required);
        }
    }

    private static void requireNotFuture(LocalDate date, LocalDate today, String what) {
        if (date.isAfter(today)) {
            throw new RuleViolation(CountryRule.DATE_IN_FUTURE, "the " + what + " " + date + " is after today (" + today + ")");
        }
    }

    private static void requireNotBefore(LocalDate date, LocalDate previous, String what, String previousWhat) {
        if (previous != null && date.isBefore(previous)) {
            throw new RuleViolation(CountryRule.DATE_BEFORE_PREVIOUS_STEP, what + " on " + date + " cannot precede " + previous + ", when " + previousWhat);
        }
    }

    private void moveTo(CountryState next) {
        state = next;
        bump();
    }

    private void bump() {
        revision++;
        updatedAt = Instant.now();
    }

    public String code() {
        return code;
    }

    public CountryState state() {
        return state;
    }

    public String registryCode() {
        return registryCode;
    }
}
