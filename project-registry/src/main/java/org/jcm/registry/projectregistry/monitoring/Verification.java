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
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.jcm.registry.contract.project.DocumentReference;

/** A designated TPE's verification of one monitoring report. Never changed once written; a correction supersedes it. */
@Entity
@Table(name = "verification")
public class Verification {

    public enum Opinion {
        POSITIVE,
        NEGATIVE
    }

    @Id
    private UUID id;

    @Column(name = "monitoring_report_id", nullable = false, updatable = false)
    private UUID monitoringReportId;

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(updatable = false)
    private UUID supersedes;

    @Column(name = "tpe_id", nullable = false, updatable = false, columnDefinition = "text")
    private String tpeId;

    @Column(name = "tpe_name", nullable = false, updatable = false, columnDefinition = "text")
    private String tpeName;

    @Column(name = "verified_on", nullable = false, updatable = false)
    private LocalDate verifiedOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    private Opinion opinion;

    @Column(name = "total_verified", nullable = false, updatable = false)
    private long totalVerified;

    @Column(name = "report_uri", nullable = false, updatable = false, columnDefinition = "text")
    private String reportUri;

    @Column(name = "report_sha256", nullable = false, updatable = false, length = 64)
    private String reportSha256;

    @Column(name = "recorded_by", nullable = false, updatable = false, columnDefinition = "text")
    private String recordedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "verification_vintage", joinColumns = @JoinColumn(name = "verification_id"))
    @OrderBy("vintage")
    private List<VintageVerification> amounts = new ArrayList<>();

    protected Verification() {}

    Verification(UUID id, MonitoringReport report, UUID supersedes, String tpeId, String tpeName, LocalDate verifiedOn, Opinion opinion,
            Map<Integer, Long> verified, DocumentReference verificationReport, String recordedBy) {
        this.id = id;
        this.monitoringReportId = report.id();
        this.projectId = report.projectId();
        this.supersedes = supersedes;
        this.tpeId = tpeId;
        this.tpeName = tpeName;
        this.verifiedOn = verifiedOn;
        this.opinion = opinion;
        verified.forEach((vintage, tonnes) -> amounts.add(new VintageVerification(vintage, tonnes)));
        this.totalVerified = Vintages.total(verified);
        this.reportUri = verificationReport.uri();
        this.reportSha256 = verificationReport.sha256();
        this.recordedBy = recordedBy;
        this.createdAt = Instant.now();
    }

    public Map<Integer, Long> verifiedByVintage() {
        Map<Integer, Long> m = new TreeMap<>();
        amounts.forEach(a -> m.put(a.vintage(), a.verified()));
        return m;
    }

    public DocumentReference report() {
        return new DocumentReference("VERIFICATION_REPORT", reportUri, reportSha256);
    }

    public UUID id() {
        return id;
    }

    public UUID monitoringReportId() {
        return monitoringReportId;
    }

    public UUID supersedes() {
        return supersedes;
    }

    public String tpeId() {
        return tpeId;
    }

    public String tpeName() {
        return tpeName;
    }

    public LocalDate verifiedOn() {
        return verifiedOn;
    }

    public Opinion opinion() {
        return opinion;
    }

    public long totalVerified() {
        return totalVerified;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
