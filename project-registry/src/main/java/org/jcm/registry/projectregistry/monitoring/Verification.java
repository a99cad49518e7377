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
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.platform.Dates;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.projectregistry.project.Document;
import org.jcm.registry.projectregistry.project.DocumentKind;
import org.jcm.registry.projectregistry.project.Project;
import org.jcm.registry.projectregistry.project.ProjectRule;

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

    /** What a TPE's verification says. {@code supersedes} names the verification a correction replaces. */
    public record Finding(String tpeId, LocalDate verifiedOn, Opinion opinion, List<VintageAmount> verifiedReductions, Long totalVerified,
            DocumentReference report, UUID supersedes) {}

    /** What already happened to the report being verified: its correction, if any, and its verifications so far. */
    public record Standing(Optional<MonitoringReport> reportCorrectedBy, List<Verification> existing,
            Function<UUID, Optional<Verification>> correctedBy) {}

    /**
     * Records a verification of a report of a REGISTERED project that no correction superseded: the first one, or a
     * correction of one of its verifications not corrected yet; dated after the period, by a TPE designated on that date
     * ({@code tpeOn}); a negative opinion verifies nothing, a positive one never more than was claimed.
     */
    public static Verification record(Project project, MonitoringReport report, Standing standing, Finding f,
            Function<LocalDate, TpeDesignation> tpeOn,
            Clock clock, String actor) {
        project.requireMonitoringOf(report.period());
        standing.reportCorrectedBy().ifPresent(c -> {
            throw new RuleViolation(ProjectRule.SUPERSEDED, "monitoring report " + report.id() + " was corrected by " + c.id() + ": verify that one");
        });
        if (f.supersedes() == null && !standing.existing().isEmpty()) {
            throw new RuleViolation(ProjectRule.ALREADY_VERIFIED,
                    "monitoring report " + report.id() + " was verified by " + standing.existing().get(0).id());
        }
        if (f.supersedes() != null) {
            Verification previous = standing.existing().stream().filter(v -> v.id().equals(f.supersedes())).findFirst()
                    .orElseThrow(() -> new RuleViolation(ProjectRule.INVALID_CORRECTION, "verification " + f.supersedes()
                            + " is not a verification of monitoring report " + report.id()));
            standing.correctedBy().apply(previous.id()).ifPresent(c -> {
                throw new RuleViolation(ProjectRule.SUPERSEDED, "verification " + previous.id() + " was already corrected by " + c.id());
            });
        }
        Dates.requireNotFuture(f.verifiedOn(), LocalDate.now(clock), "verification date", ProjectRule.DATE_IN_FUTURE);
        Dates.requireNotBefore(f.verifiedOn(), report.period().end(), "verification", "its monitoring period ended",
                ProjectRule.DATE_BEFORE_PREVIOUS_STEP);
        TpeDesignation tpe = tpeOn.apply(f.verifiedOn());
        DocumentReference document = Document.of(DocumentKind.VERIFICATION_REPORT, f.report()).toContract();
        Map<Integer, Long> verified = verifiedAmounts(report, f);
        Verification v = new Verification();
        v.id = UUID.randomUUID();
        v.monitoringReportId = report.id();
        v.projectId = report.projectId();
        v.supersedes = f.supersedes();
        v.tpeId = tpe.tpeId();
        v.tpeName = tpe.name();
        v.verifiedOn = f.verifiedOn();
        v.opinion = f.opinion();
        verified.forEach((vintage, tonnes) -> v.amounts.add(new VintageVerification(vintage, tonnes)));
        v.totalVerified = Vintages.total(verified);
        v.reportUri = document.uri();
        v.reportSha256 = document.sha256();
        v.recordedBy = actor;
        v.createdAt = clock.instant();
        return v;
    }

    private static Map<Integer, Long> verifiedAmounts(MonitoringReport report, Finding f) {
        if (f.opinion() == Opinion.NEGATIVE) {
            boolean verifiesSomething = (f.totalVerified() != null && f.totalVerified() > 0)
                    || (f.verifiedReductions() != null && f.verifiedReductions().stream().anyMatch(a -> a.tonnes() != 0));
            if (verifiesSomething) {
                throw new RuleViolation(ProjectRule.NEGATIVE_WITH_REDUCTIONS,
                        "a negative opinion on report " + report.id() + " cannot verify reductions");
            }
            return Map.of();
        }
        Map<Integer, Long> verified = Vintages.split(report.period(), f.verifiedReductions(), f.totalVerified(), "verified reductions");
        Vintages.requireWithinClaim(verified, report.claimedByVintage());
        return verified;
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
