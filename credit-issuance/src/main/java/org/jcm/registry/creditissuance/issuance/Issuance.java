package org.jcm.registry.creditissuance.issuance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.creditissuance.project.VerifiedReductions.Verification;
import org.jcm.registry.platform.problem.Checks;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The issuance of one verified monitoring period of a registered project: requested by a participant, then decided
 * by the Joint Committee's allocation lines, which it checks against the verification and never recomputes.
 */
@Entity
@Table(name = "issuance")
public class Issuance {

    public enum State {
        REQUESTED,
        ISSUED
    }

    /** A line as the Joint Committee notified it, before it is issued. */
    public record Line(String registry, String account, int vintage, long quantity) {}

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false, columnDefinition = "text")
    private String projectId;

    @Column(name = "project_reference", nullable = false, columnDefinition = "text")
    private String projectReference;

    @Column(name = "host_country", nullable = false, length = 2)
    private String hostCountry;

    @Column(name = "period_start", nullable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Column(name = "verification_id", nullable = false, columnDefinition = "text")
    private String verificationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private State state;

    @Column(name = "requested_by", nullable = false, columnDefinition = "text")
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "decision_reference", columnDefinition = "text")
    private String decisionReference;

    @Column(name = "decided_on")
    private LocalDate decidedOn;

    @Column(name = "decision_recorded_by", columnDefinition = "text")
    private String decisionRecordedBy;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "issuance_line", joinColumns = @JoinColumn(name = "issuance_id"))
    @OrderBy("lineNo")
    private List<AllocationLine> lines = new ArrayList<>();

    protected Issuance() {}

    /** A request for the credits of {@code verification}'s period of a REGISTERED project. */
    public static Issuance request(ProjectSnapshot project, Verification verification, String actor, Instant at) {
        if (project.state() != ProjectState.REGISTERED) {
            throw new RuleViolation(IssuanceRule.PROJECT_NOT_REGISTERED, "project " + project.reference() + " is " + project.state());
        }
        Issuance i = new Issuance();
        i.id = UUID.randomUUID();
        i.projectId = project.id();
        i.projectReference = project.reference();
        i.hostCountry = project.hostCountry();
        i.periodStart = verification.periodStart();
        i.periodEnd = verification.periodEnd();
        i.verificationId = verification.verificationId();
        i.state = State.REQUESTED;
        i.requestedBy = actor;
        i.requestedAt = at;
        return i;
    }

    /**
     * Checks the Joint Committee's lines against what was verified: every vintage verified in this period, per vintage no
     * more than verified, no line twice. Adds every failure to {@code checks}; the lines themselves are the JC's.
     */
    public void checkLines(List<Line> proposed, Verification verification, Checks checks) {
        checks.run(() -> {
            if (state != State.REQUESTED) {
                throw new RuleViolation(IssuanceRule.ALREADY_DECIDED, "issuance " + id + " was decided by " + decisionReference);
            }
        });
        Map<Integer, Long> perVintage = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Line l : proposed) {
            perVintage.merge(l.vintage(), l.quantity(), Math::addExact);
            if (!seen.add(l.registry() + "/" + l.account() + "/" + l.vintage())) {
                checks.run(() -> {
                    throw new RuleViolation(IssuanceRule.DUPLICATE_LINE, "account " + l.account() + " of " + l.registry() + " has two lines of "
                            + l.vintage());
                });
            }
        }
        perVintage.forEach((vintage, quantity) -> checks.run(() -> {
            Long verified = verification.vintages().get(vintage);
            if (verified == null) {
                throw new RuleViolation(IssuanceRule.VINTAGE_NOT_VERIFIED, "vintage " + vintage + " was not verified for " + periodStart + ".."
                        + periodEnd + " (verified: " + verification.vintages().keySet() + ")");
            }
            if (quantity > verified) {
                throw new RuleViolation(IssuanceRule.EXCEEDS_VERIFIED, "the lines of vintage " + vintage + " add up to " + quantity + ", "
                        + verified + " were verified");
            }
        }));
    }

    /** Records the decision and the lines as issued (each with the ledger transaction that issued its block). */
    public void issued(JcDecision decision, List<AllocationLine> issuedLines, String actor, Instant at) {
        if (state != State.REQUESTED) {
            throw new RuleViolation(IssuanceRule.ALREADY_DECIDED, "issuance " + id + " was decided by " + decisionReference);
        }
        state = State.ISSUED;
        decisionReference = decision.reference();
        decidedOn = decision.decidedOn();
        decisionRecordedBy = actor;
        issuedAt = at;
        lines.addAll(issuedLines);
    }

    public UUID id() {
        return id;
    }
    public String projectId() {
        return projectId;
    }
    public String projectReference() {
        return projectReference;
    }
    public String hostCountry() {
        return hostCountry;
    }
    public LocalDate periodStart() {
        return periodStart;
    }
    public LocalDate periodEnd() {
        return periodEnd;
    }
    public String verificationId() {
        return verificationId;
    }
    public State state() {
        return state;
    }
    public String requestedBy() {
        return requestedBy;
    }
    public Instant requestedAt() {
        return requestedAt;
    }
    public String decisionReference() {
        return decisionReference;
    }
    public LocalDate decidedOn() {
        return decidedOn;
    }
    public String decisionRecordedBy() {
        return decisionRecordedBy;
    }
    public Instant issuedAt() {
        return issuedAt;
    }
    public List<AllocationLine> lines() {
        return List.copyOf(lines);
    }
}
