package org.jcm.registry.countryonboarding.country;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
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

    public CountrySnapshot snapshot() {
        RegistryIdentity registry = registryCode == null ? null : new RegistryIdentity(registryCode, article6RegistryId, hosting);
        return new CountrySnapshot(code, alpha3, name, state, revision, bilateralDocumentSignedOn, jointCommitteeEstablishedOn, activatedOn,
                registry, partnerSystemClientId, List.of(), null);
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
