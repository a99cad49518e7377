package org.jcm.registry.projectregistry.methodology;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.MethodologySnapshot;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.Dates;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A methodology of one partner country: proposed, then approved by the Joint Committee (and only then numbered
 * {@code {CC}_AM{NNN}}) or rejected; an approved one is revised into new versions or withdrawn for new projects.
 */
@Entity
public class Methodology {

    @Id
    private UUID id;
    private String country;
    private String reference;
    private String title;
    private int version;
    private int sectoralScope;
    @Enumerated(EnumType.STRING)
    private MethodologyState state;
    private long revision;
    private LocalDate proposedOn;
    @Embedded
    @AttributeOverride(name = "reference", column = @Column(name = "approval_reference"))
    @AttributeOverride(name = "decidedOn", column = @Column(name = "approved_on"))
    private JcDecision approval;
    @Embedded
    @AttributeOverride(name = "reference", column = @Column(name = "last_decision_reference"))
    @AttributeOverride(name = "decidedOn", column = @Column(name = "last_decided_on"))
    private JcDecision lastDecision;
    private Instant createdAt;
    private Instant updatedAt;

    protected Methodology() {}

    public static Methodology propose(UUID id, String country, String title, int sectoralScope, LocalDate proposedOn, Clock clock) {
        if (sectoralScope < 1 || sectoralScope > 15) {
            throw new RuleViolation(MethodologyRule.INVALID_SECTORAL_SCOPE, "got sectoral scope " + sectoralScope + "; the JCM uses scopes 1 to 15");
        }
        Methodology m = new Methodology();
        m.id = id;
        m.country = country;
        m.title = title;
        m.version = 1;
        m.sectoralScope = sectoralScope;
        m.state = MethodologyState.PROPOSED;
        m.revision = 1;
        m.proposedOn = Dates.requireNotFuture(proposedOn, LocalDate.now(clock), "proposal date", MethodologyRule.DATE_IN_FUTURE);
        m.createdAt = clock.instant();
        m.updatedAt = m.createdAt;
        return m;
    }

    /** The Joint Committee approved it: it gets the next reference of its country, taken only once the step is allowed. */
    public void approve(JcDecision decision, Clock clock, Supplier<String> nextReference) {
        requireState(MethodologyState.PROPOSED, "approve");
        checkDecision(decision, proposedOn, clock);
        reference = nextReference.get();
        approval = decision;
        decided(decision, MethodologyState.APPROVED, clock);
    }

    public void reject(JcDecision decision, Clock clock) {
        requireState(MethodologyState.PROPOSED, "reject");
        checkDecision(decision, proposedOn, clock);
        decided(decision, MethodologyState.REJECTED, clock);
    }

    /** A new version of an approved methodology; it keeps its reference. */
    public void revise(String newTitle, JcDecision decision, Clock clock) {
        requireState(MethodologyState.APPROVED, "revise");
        checkDecision(decision, lastDecision.decidedOn(), clock);
        if (newTitle != null && !newTitle.isBlank()) {
            title = newTitle;
        }
        version++;
        decided(decision, MethodologyState.APPROVED, clock);
    }

    /** From now on no new project may use it. */
    public void withdraw(JcDecision decision, Clock clock) {
        requireState(MethodologyState.APPROVED, "withdraw");
        checkDecision(decision, lastDecision.decidedOn(), clock);
        decided(decision, MethodologyState.WITHDRAWN, clock);
    }

    public boolean takesNewProjects() {
        return state == MethodologyState.APPROVED;
    }

    public MethodologySnapshot snapshot() {
        return new MethodologySnapshot(id.toString(), country, reference, title, version, sectoralScope, state, revision, proposedOn, approval,
                lastDecision);
    }

    private void decided(JcDecision decision, MethodologyState next, Clock clock) {
        lastDecision = decision;
        state = next;
        revision++;
        updatedAt = clock.instant();
    }

    private void requireState(MethodologyState required, String action) {
        if (state != required) {
            throw new RuleViolation(MethodologyRule.ILLEGAL_TRANSITION, "cannot " + action + " methodology " + label() + ": it is " + state
                    + ", and this step needs " + required);
        }
    }

    private static void checkDecision(JcDecision decision, LocalDate previous, Clock clock) {
        Dates.requireNotFuture(decision.decidedOn(), LocalDate.now(clock), "decision date", MethodologyRule.DATE_IN_FUTURE);
        Dates.requireNotBefore(decision.decidedOn(), previous, "decision", "the methodology's previous step was taken",
                MethodologyRule.DATE_BEFORE_PREVIOUS_STEP);
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
}
