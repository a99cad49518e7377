package org.jcm.registry.projectregistry.methodology;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.MethodologySnapshot;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A methodology of one partner country: proposed, then approved by the Joint Committee (and only then numbered
 * {@code {CC}_AM{NNN}}) or rejected; an approved one is revised into new versions or withdrawn for new projects.
 */
@Entity
@Table(name = "methodology")
public class Methodology {

    @Id
    private UUID id;

    @Column(nullable = false, length = 2)
    private String country;

    @Column(columnDefinition = "text")
    private String reference;

    @Column(nullable = false, columnDefinition = "text")
    private String title;

    @Column(nullable = false)
    private int version;

    @Column(name = "sectoral_scope", nullable = false)
    private int sectoralScope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private MethodologyState state;

    @Column(nullable = false)
    private long revision;

    @Column(name = "proposed_on", nullable = false)
    private LocalDate proposedOn;

    @Column(name = "approval_reference", columnDefinition = "text")
    private String approvalReference;

    @Column(name = "approved_on")
    private LocalDate approvedOn;

    @Column(name = "last_decision_reference", columnDefinition = "text")
    private String lastDecisionReference;

    @Column(name = "last_decided_on")
    private LocalDate lastDecidedOn;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Methodology() {}

    public static Methodology propose(UUID id, String country, String title, int sectoralScope, LocalDate proposedOn, LocalDate today) {
        if (sectoralScope < 1 || sectoralScope > 15) {
            throw new RuleViolation(MethodologyRule.INVALID_SECTORAL_SCOPE, "got sectoral scope " + sectoralScope + "; the JCM uses scopes 1 to 15");
        }
        requireNotFuture(proposedOn, today, "proposal date");
        Methodology m = new Methodology();
        m.id = id;
        m.country = country;
        m.title = title;
        m.version = 1;
        m.sectoralScope = sectoralScope;
        m.state = MethodologyState.PROPOSED;
        m.revision = 1;
        m.proposedOn = proposedOn;
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        return m;
    }

    /** The Joint Committee approved it: it gets the next reference of its country, taken only once the step is allowed. */
    public void approve(JcDecision decision, LocalDate today, Supplier<String> nextReference) {
        requireState(MethodologyState.PROPOSED, "approve");
        checkDecision(decision, proposedOn, today);
        reference = nextReference.get();
        approvalReference = decision.reference();
        approvedOn = decision.decidedOn();
        decided(decision, MethodologyState.APPROVED);
    }

    public void reject(JcDecision decision, LocalDate today) {
        requireState(MethodologyState.PROPOSED, "reject");
        checkDecision(decision, proposedOn, today);
        decided(decision, MethodologyState.REJECTED);
    }

    /** A new version of an approved methodology; it keeps its reference. */
    public void revise(String newTitle, JcDecision decision, LocalDate today) {
        requireState(MethodologyState.APPROVED, "revise");
        checkDecision(decision, lastDecidedOn, today);
        if (newTitle != null && !newTitle.isBlank()) {
            title = newTitle;
        }
        version++;
        decided(decision, MethodologyState.APPROVED);
    }

    /** From now on no new project may use it. */
    public void withdraw(JcDecision decision, LocalDate today) {
        requireState(MethodologyState.APPROVED, "withdraw");
        checkDecision(decision, lastDecidedOn, today);
        decided(decision, MethodologyState.WITHDRAWN);
    }

    public boolean takesNewProjects() {
        return state == MethodologyState.APPROVED;
    }

    public MethodologySnapshot snapshot() {
        return new MethodologySnapshot(id.toString(), country, reference, title, version, sectoralScope, state, revision, proposedOn,
                approvedOn == null ? null : new JcDecision(approvalReference, approvedOn),
                lastDecidedOn == null ? null : new JcDecision(lastDecisionReference, lastDecidedOn));
    }

    private void decided(JcDecision decision, MethodologyState next) {
        lastDecisionReference = decision.reference();
        lastDecidedOn = decision.decidedOn();
        state = next;
        revision++;
        updatedAt = Instant.now();
    }

    private void requireState(MethodologyState required, String action) {
        if (state != required) {
            throw new RuleViolation(MethodologyRule.ILLEGAL_TRANSITION, "cannot " + action + " methodology " + label() + ": it is " + state
                    + ", and this step needs " + required);
        }
    }

    private static void checkDecision(JcDecision decision, LocalDate previous, LocalDate today) {
        requireNotFuture(decision.decidedOn(), today, "decision date");
        if (previous != null && decision.decidedOn().isBefore(previous)) {
            throw new RuleViolation(MethodologyRule.DATE_BEFORE_PREVIOUS_STEP,
                    "the decision of " + decision.decidedOn() + " precedes the methodology's previous step on " + previous);
        }
    }

    private static void requireNotFuture(LocalDate date, LocalDate today, String what) {
        if (date.isAfter(today)) {
            throw new RuleViolation(MethodologyRule.DATE_IN_FUTURE, "the " + what + " " + date + " is after today (" + today + ")");
        }
    }

    private String label() {
        return reference != null ? reference : id.toString();
    }

    public UUID id() {
        return id;
    }

    public String country() {
        return country;
    }

    public String reference() {
        return reference;
    }

    public int version() {
        return version;
    }

    public int sectoralScope() {
        return sectoralScope;
    }

    public MethodologyState state() {
        return state;
    }
}
