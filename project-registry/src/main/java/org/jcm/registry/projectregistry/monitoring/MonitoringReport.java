package org.jcm.registry.projectregistry.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.Dates;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.projectregistry.project.Document;
import org.jcm.registry.projectregistry.project.DocumentKind;
import org.jcm.registry.projectregistry.project.Project;
import org.jcm.registry.projectregistry.project.ProjectRule;

/**
 * Reductions a project claims for one monitoring period, per vintage. Never changed once written (the database
 * refuses updates); a correction is a new report that supersedes it. Periods of one project's original reports
 * never overlap: the database's exclusion constraint decides, whatever the races.
 */
@Entity
@Table(name = "monitoring_report")
public class MonitoringReport {

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(updatable = false)
    private UUID supersedes;

    @Column(name = "period_start", nullable = false, updatable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", nullable = false, updatable = false)
    private LocalDate periodEnd;

    @Column(name = "total_claimed", nullable = false, updatable = false)
    private long totalClaimed;

    @Column(name = "submitted_on", nullable = false, updatable = false)
    private LocalDate submittedOn;

    @Column(name = "document_uri", nullable = false, updatable = false, columnDefinition = "text")
    private String documentUri;

    @Column(name = "document_sha256", nullable = false, updatable = false, length = 64)
    private String documentSha256;

    @Column(name = "submitted_by", nullable = false, updatable = false, columnDefinition = "text")
    private String submittedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "monitoring_report_vintage", joinColumns = @JoinColumn(name = "report_id"))
    @OrderBy("vintage")
    private List<VintageClaim> claims = new ArrayList<>();

    protected MonitoringReport() {}

    /** What a monitoring report claims. {@code supersedes} names the report a correction replaces. */
    public record Claim(Period period, List<VintageAmount> claimedReductions, Long totalClaimed, LocalDate submittedOn, DocumentReference document,
            UUID supersedes) {}

    /** The report a correction supersedes, with what already happened to it. */
    public record Predecessor(MonitoringReport report, Optional<MonitoringReport> correctedBy, boolean verified) {

        /** A correction of this report, for {@code period}: once only, before any verification, for the same period. */
        void checkCorrectedBy(Period period) {
            correctedBy.ifPresent(c -> {
                throw new RuleViolation(ProjectRule.SUPERSEDED, "monitoring report " + report.id() + " was already corrected by " + c.id());
            });
            if (!report.period().equals(period)) {
                throw new RuleViolation(ProjectRule.INVALID_CORRECTION, "report " + report.id() + " covers " + report.period().start() + " to "
                        + report.period().end() + "; its correction must cover the same period");
            }
            if (verified) {
                throw new RuleViolation(ProjectRule.ALREADY_VERIFIED, "report " + report.id() + " is verified: correct its verification instead");
            }
        }
    }

    /**
     * Submits a report for a REGISTERED project and a period inside its crediting period, claiming reductions per vintage.
     * A correction restates the period of the report it supersedes, which must be neither corrected nor verified yet; an
     * original overlaps no other original (the database's exclusion constraint decides races).
     */
    public static MonitoringReport submit(Project project, Claim claim, Function<UUID, Predecessor> predecessors,
            Function<Period, Optional<MonitoringReport>> overlappingOriginal, Clock clock, String actor) {
        Period period = claim.period();
        if (period == null || period.start() == null || period.end() == null || period.end().isBefore(period.start())) {
            throw new RuleViolation(ProjectRule.PERIOD_OUTSIDE_CREDITING, "the monitoring period " + period + " is not a period");
        }
        project.requireMonitoringOf(period);
        LocalDate submittedOn = Dates.requireNotFuture(claim.submittedOn() == null ? LocalDate.now(clock) : claim.submittedOn(), LocalDate.now(clock),
                "submission date", ProjectRule.DATE_IN_FUTURE);
        DocumentReference document = Document.of(DocumentKind.MONITORING_REPORT, claim.document()).toContract();
        if (claim.supersedes() != null) {
            predecessors.apply(claim.supersedes()).checkCorrectedBy(period);
        } else {
            overlappingOriginal.apply(period).ifPresent(other -> {
                throw new RuleViolation(ProjectRule.PERIOD_OVERLAP, period.start() + " to " + period.end() + " overlaps the monitoring period "
                        + other.period().start() + " to " + other.period().end() + " (report " + other.id() + ")");
            });
        }
        Map<Integer, Long> claimed = Vintages.split(period, claim.claimedReductions(), claim.totalClaimed(), "claimed reductions");
        MonitoringReport r = new MonitoringReport();
        r.id = UUID.randomUUID();
        r.projectId = project.id();
        r.supersedes = claim.supersedes();
        r.periodStart = period.start();
        r.periodEnd = period.end();
        claimed.forEach((vintage, tonnes) -> r.claims.add(new VintageClaim(vintage, tonnes)));
        r.totalClaimed = Vintages.total(claimed);
        r.submittedOn = submittedOn;
        r.documentUri = document.uri();
        r.documentSha256 = document.sha256();
        r.submittedBy = actor;
        r.createdAt = clock.instant();
        return r;
    }

    public Period period() {
        return new Period(periodStart, periodEnd);
    }

    public Map<Integer, Long> claimedByVintage() {
        Map<Integer, Long> m = new TreeMap<>();
        claims.forEach(c -> m.put(c.vintage(), c.claimed()));
        return m;
    }

    public DocumentReference document() {
        return new DocumentReference("MONITORING_REPORT", documentUri, documentSha256);
    }

    public ProjectEvent.MonitoringReport toContract() {
        return new ProjectEvent.MonitoringReport(id.toString(), supersedes == null ? null : supersedes.toString(), period(),
                Vintages.asList(claimedByVintage()), totalClaimed, submittedOn, document());
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    public UUID supersedes() {
        return supersedes;
    }

    public long totalClaimed() {
        return totalClaimed;
    }

    public LocalDate submittedOn() {
        return submittedOn;
    }

    public String submittedBy() {
        return submittedBy;
    }
}
