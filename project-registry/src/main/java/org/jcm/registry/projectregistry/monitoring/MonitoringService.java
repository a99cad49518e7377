package org.jcm.registry.projectregistry.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectEvent.MonitoringReportSubmitted;
import org.jcm.registry.contract.project.ProjectEvent.ReductionsVerified;
import org.jcm.registry.contract.project.ProjectEvent.VerificationNegative;
import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.countries.KnownCountries;
import org.jcm.registry.platform.eventlog.EventLog;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.problem.DatabaseConstraints;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.MonitoringReportView;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.VerificationView;
import org.jcm.registry.projectregistry.project.Document;
import org.jcm.registry.projectregistry.project.DocumentKind;
import org.jcm.registry.projectregistry.project.Participation;
import org.jcm.registry.projectregistry.project.Project;
import org.jcm.registry.projectregistry.project.ProjectRepository;
import org.jcm.registry.projectregistry.project.ProjectRule;
import org.jcm.registry.projectregistry.project.ProjectService;

/**
 * Monitoring reports of registered projects and their verification by designated TPEs. Both are append-only:
 * a correction is a new record naming the one it supersedes.
 */
@ApplicationScoped
public class MonitoringService {

    private final ProjectRepository projects;
    private final MonitoringReportRepository reports;
    private final VerificationRepository verifications;
    private final KnownCountries countries;
    private final DatabaseConstraints constraints;
    private final EventLog eventLog;
    private final Clock clock;

    public MonitoringService(ProjectRepository projects, MonitoringReportRepository reports, VerificationRepository verifications,
            KnownCountries countries, DatabaseConstraints constraints, EventLog eventLog, Clock clock) {
        this.projects = projects;
        this.reports = reports;
        this.verifications = verifications;
        this.countries = countries;
        this.constraints = constraints;
        this.eventLog = eventLog;
        this.clock = clock;
    }

    /** What a monitoring report claims. {@code supersedes} names the report a correction replaces. */
    public record Claim(Period period, List<VintageAmount> claimedReductions, Long totalClaimed, LocalDate submittedOn, DocumentReference document,
            UUID supersedes) {}

    /** What a TPE's verification says. {@code supersedes} names the verification a correction replaces. */
    public record Opinion(String tpeId, LocalDate verifiedOn, Verification.Opinion opinion, List<VintageAmount> verifiedReductions,
            Long totalVerified, DocumentReference report, UUID supersedes) {}

    @Transactional
    public MonitoringReportView submit(String projectId, Claim claim, String actor) {
        Project project = projects.lockShared(projectId);
        if (project.state() != ProjectState.REGISTERED) {
            throw new RuleViolation(ProjectRule.PROJECT_NOT_REGISTERED, project.label() + " is " + project.state());
        }
        Period period = claim.period();
        if (period == null || period.start() == null || period.end() == null || period.end().isBefore(period.start())) {
            throw new RuleViolation(ProjectRule.PERIOD_OUTSIDE_CREDITING, "the monitoring period " + period + " is not a period");
        }
        if (!project.creditingPeriodCovers(period)) {
            ProjectSnapshot.Period crediting = project.snapshot().creditingPeriod();
            throw new RuleViolation(ProjectRule.PERIOD_OUTSIDE_CREDITING, period.start() + " to " + period.end() + " is not inside the crediting period "
                    + crediting.start() + " to " + crediting.end());
        }
        LocalDate submittedOn = claim.submittedOn() == null ? today() : claim.submittedOn();
        requireNotFuture(submittedOn, "submission date");
        Document.of(DocumentKind.MONITORING_REPORT, claim.document());
        if (claim.supersedes() != null) {
            checkCorrection(project, claim.supersedes(), period);
        } else {
            reports.overlapping(project.id(), period).stream().findFirst().ifPresent(other -> {
                throw new RuleViolation(ProjectRule.PERIOD_OVERLAP, period.start() + " to " + period.end() + " overlaps the monitoring period "
                        + other.period().start() + " to " + other.period().end() + " (report " + other.id() + ")");
            });
        }
        Map<Integer, Long> claimed = Vintages.split(period, claim.claimedReductions(), claim.totalClaimed(), "claimed reductions");
        MonitoringReport report = new MonitoringReport(UUID.randomUUID(), project.id(), claim.supersedes(), period, claimed, submittedOn,
                claim.document(), actor);
        reports.persist(report);
        constraints.flush();
        append(project, new MonitoringReportSubmitted(project.snapshot(), actor, report.toContract()));
        return MonitoringViews.of(report, List.of(report), List.of());
    }

    @Transactional
    public VerificationView verify(String projectId, UUID reportId, Opinion o, String actor) {
        Project project = projects.lockShared(projectId);
        MonitoringReport report = reports.lockForChange(reportId).filter(r -> r.projectId().equals(project.id()))
                .orElseThrow(() -> noSuchReport(project, reportId));
        if (project.state() != ProjectState.REGISTERED) {
            throw new RuleViolation(ProjectRule.PROJECT_NOT_REGISTERED, project.label() + " is " + project.state() + ": it takes no verification");
        }
        reports.supersededBy(reportId).ifPresent(c -> {
            throw new RuleViolation(ProjectRule.SUPERSEDED, "monitoring report " + reportId + " was corrected by " + c.id() + ": verify that one");
        });
        List<Verification> existing = verifications.ofReport(reportId);
        if (o.supersedes() == null) {
            if (!existing.isEmpty()) {
                throw new RuleViolation(ProjectRule.ALREADY_VERIFIED, "monitoring report " + reportId + " was verified by " + existing.get(0).id());
            }
        } else {
            Verification previous = existing.stream().filter(v -> v.id().equals(o.supersedes())).findFirst()
                    .orElseThrow(() -> new RuleViolation(ProjectRule.INVALID_CORRECTION, "verification " + o.supersedes()
                            + " is not a verification of monitoring report " + reportId));
            verifications.supersededBy(previous.id()).ifPresent(c -> {
                throw new RuleViolation(ProjectRule.SUPERSEDED, "verification " + previous.id() + " was already corrected by " + c.id());
            });
        }
        requireNotFuture(o.verifiedOn(), "verification date");
        if (o.verifiedOn().isBefore(report.period().end())) {
            throw new RuleViolation(ProjectRule.DATE_BEFORE_PREVIOUS_STEP, "the verification on " + o.verifiedOn() + " precedes the end of its monitoring period "
                    + report.period().end());
        }
        CountrySnapshot country = countries.find(project.hostCountry()).orElseThrow(() -> new RuleViolation(ProjectRule.UNKNOWN_COUNTRY,
                "no partner country " + project.hostCountry() + " is known here"));
        TpeDesignation tpe = Participation.requireDesignatedTpe(country, o.tpeId(), project.sectoralScope(), o.verifiedOn());
        Document.of(DocumentKind.VERIFICATION_REPORT, o.report());
        Map<Integer, Long> verified;
        if (o.opinion() == Verification.Opinion.NEGATIVE) {
            boolean verifiesSomething = (o.totalVerified() != null && o.totalVerified() > 0)
                    || (o.verifiedReductions() != null && o.verifiedReductions().stream().anyMatch(a -> a.tonnes() != 0));
            if (verifiesSomething) {
                throw new RuleViolation(ProjectRule.NEGATIVE_WITH_REDUCTIONS, "a negative opinion on report " + reportId + " cannot verify reductions");
            }
            verified = Map.of();
        } else {
            verified = Vintages.split(report.period(), o.verifiedReductions(), o.totalVerified(), "verified reductions");
            Vintages.requireWithinClaim(verified, report.claimedByVintage());
        }
        Verification v = new Verification(UUID.randomUUID(), report, o.supersedes(), tpe.tpeId(), tpe.name(), o.verifiedOn(), o.opinion(), verified,
                o.report(), actor);
        verifications.persist(v);
        constraints.flush();
        ProjectSnapshot snapshot = project.snapshot();
        String supersedes = o.supersedes() == null ? null : o.supersedes().toString();
        if (o.opinion() == Verification.Opinion.POSITIVE) {
            append(project, new ReductionsVerified(snapshot, actor, v.id().toString(), supersedes, snapshot.reference(), snapshot.hostCountry(),
                    snapshot.methodologyReference(), report.id().toString(), report.period(), Vintages.asList(verified), v.totalVerified(), tpe.tpeId(),
                    tpe.name(), o.verifiedOn(), report.document(), v.report(), snapshot.creditAllocation()));
        } else {
            append(project, new VerificationNegative(snapshot, actor, v.id().toString(), supersedes, report.id().toString(), report.period(),
                    tpe.tpeId(), o.verifiedOn(), v.report()));
        }
        List<Verification> all = new java.util.ArrayList<>(existing);
        all.add(v);
        return MonitoringViews.of(v, all);
    }

    @Transactional
    public List<MonitoringReportView> reportsOf(String projectId) {
        Project project = projects.byIdentifier(projectId).orElseThrow(() -> new RuleViolation(ProjectRule.NO_SUCH_PROJECT, "no project " + projectId));
        List<MonitoringReport> all = reports.ofProject(project.id());
        return all.stream().map(r -> MonitoringViews.of(r, all, verifications.ofReport(r.id()))).toList();
    }

    @Transactional
    public MonitoringReportView report(String projectId, UUID reportId) {
        return reportsOf(projectId).stream().filter(r -> r.id().equals(reportId.toString())).findFirst()
                .orElseThrow(() -> new RuleViolation(ProjectRule.NO_SUCH_REPORT, "project " + projectId + " has no monitoring report " + reportId));
    }

    private void checkCorrection(Project project, UUID supersedes, Period period) {
        MonitoringReport previous = reports.lockForChange(supersedes).filter(r -> r.projectId().equals(project.id()))
                .orElseThrow(() -> noSuchReport(project, supersedes));
        reports.supersededBy(supersedes).ifPresent(c -> {
            throw new RuleViolation(ProjectRule.SUPERSEDED, "monitoring report " + supersedes + " was already corrected by " + c.id());
        });
        if (!previous.period().equals(period)) {
            throw new RuleViolation(ProjectRule.INVALID_CORRECTION, "report " + supersedes + " covers " + previous.period().start() + " to "
                    + previous.period().end() + "; its correction must cover the same period");
        }
        if (!verifications.ofReport(supersedes).isEmpty()) {
            throw new RuleViolation(ProjectRule.ALREADY_VERIFIED, "report " + supersedes + " is verified: correct its verification instead");
        }
    }

    private RuleViolation noSuchReport(Project project, UUID reportId) {
        return new RuleViolation(ProjectRule.NO_SUCH_REPORT, project.label() + " has no monitoring report " + reportId);
    }

    private void requireNotFuture(LocalDate date, String what) {
        if (date == null) {
            throw new RuleViolation(ProjectRule.DATE_IN_FUTURE, "the " + what + " is missing");
        }
        if (date.isAfter(today())) {
            throw new RuleViolation(ProjectRule.DATE_IN_FUTURE, "the " + what + " " + date + " is after today (" + today() + ")");
        }
    }

    private void append(Project project, ProjectEvent event) {
        eventLog.append(Topics.PROJECTS, ProjectService.AGGREGATE, project.id().toString(), ProjectEvent.typeOf(event.getClass()), event);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
