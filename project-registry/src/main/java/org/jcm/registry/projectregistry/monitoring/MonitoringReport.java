package org.jcm.registry.projectregistry.monitoring;

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
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;

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

    MonitoringReport(UUID id, UUID projectId, UUID supersedes, Period period, Map<Integer, Long> claimed, LocalDate submittedOn,
            DocumentReference document, String submittedBy) {
        this.id = id;
        this.projectId = projectId;
        this.supersedes = supersedes;
        this.periodStart = period.start();
        this.periodEnd = period.end();
        claimed.forEach((vintage, tonnes) -> claims.add(new VintageClaim(vintage, tonnes)));
        this.totalClaimed = Vintages.total(claimed);
        this.submittedOn = submittedOn;
        this.documentUri = document.uri();
        this.documentSha256 = document.sha256();
        this.submittedBy = submittedBy;
        this.createdAt = Instant.now();
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
