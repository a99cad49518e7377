package org.jcm.registry.projectregistry.monitoring;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.project.ProjectEvent.MonitoringReportSubmitted;
import org.jcm.registry.contract.project.ProjectEvent.ReductionsVerified;
import org.jcm.registry.contract.project.ProjectEvent.VerificationNegative;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.MonitoringReportView;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.VerificationView;
import org.jcm.registry.projectregistry.project.Participation;
import org.jcm.registry.projectregistry.project.Project;
import org.jcm.registry.projectregistry.project.ProjectRepository;
import org.jcm.registry.projectregistry.project.ProjectRule;
import org.jcm.registry.projectregistry.project.ProjectService;

/**
 * Monitoring reports of registered projects and their verification by designated TPEs. Both are append-only: a
 * correction is a new record naming the one it supersedes. The report a correction or a verification is about is
 * locked, so the two exclude each other.
 */
@ApplicationScoped
public class MonitoringService {

    private final ProjectRepository projects;
    private final MonitoringReportRepository reports;
    private final VerificationRepository verifications;
    private final KnownCountries countries;
    private final ProjectService projectEvents;
    private final Clock clock;

    public MonitoringService(ProjectRepository projects, MonitoringReportRepository reports, VerificationRepository verifications,
            KnownCountries countries, ProjectService projectEvents, Clock clock) {
        this.projects = projects;
        this.reports = reports;
        this.verifications = verifications;
        this.countries = countries;
        this.projectEvents = projectEvents;
        this.clock = clock;
    }

    @Transactional
    public MonitoringReportView submit(String projectId, MonitoringReport.Claim claim, Caller caller) {
        Project project = projects.lockShared(projectId);
        caller.actForProject(project.label(), project.hostCountry(), project.participantIds());
        String actor = caller.actor();
        MonitoringReport report = MonitoringReport.submit(project, claim, id -> predecessor(project, id),
                period -> reports.overlapping(project.id(), period).stream().findFirst(), clock, actor);
        reports.persist(report);
        projectEvents.append(project, new MonitoringReportSubmitted(project.snapshot(), actor, report.toContract()));
        return MonitoringViews.of(report, List.of(report), List.of());
    }

    @Transactional
    public VerificationView verify(String projectId, UUID reportId, Verification.Finding finding, Caller caller) {
        Project project = projects.lockShared(projectId);
        caller.actForProject(project.label(), project.hostCountry(), project.participantIds());
        String actor = caller.actor();
        MonitoringReport report = lockedReport(project, reportId);
        List<Verification> existing = verifications.ofReport(reportId);
        Verification v = Verification.record(project, report, new Verification.Standing(reports.supersededBy(reportId), existing,
                verifications::supersededBy), finding,
                on -> Participation.requireDesignatedTpe(country(project), finding.tpeId(),
                        project.sectoralScope(), on),
                clock, actor);
        verifications.persist(v);
        ProjectSnapshot s = project.snapshot();
        String supersedes = v.supersedes() == null ? null : v.supersedes().toString();
        projectEvents.append(project, v.opinion() == Verification.Opinion.POSITIVE
                ? new ReductionsVerified(s, actor, v.id().toString(), supersedes, s.reference(), s.hostCountry(), s.methodologyReference(),
                        report.id().toString(), report.period(), Vintages.asList(v.verifiedByVintage()), v.totalVerified(), v.tpeId(), v.tpeName(),
                        v.verifiedOn(), report.document(), v.report(), s.creditAllocation())
                : new VerificationNegative(s, actor, v.id().toString(), supersedes, report.id().toString(), report.period(), v.tpeId(),
                        v.verifiedOn(), v.report()));
        List<Verification> all = new java.util.ArrayList<>(existing);
        all.add(v);
        return MonitoringViews.of(v, all);
    }

    @Transactional
    public List<MonitoringReportView> reportsOf(String projectId) {
        Project project = projects.byIdentifier(projectId)
                .orElseThrow(() -> new RuleViolation(ProjectRule.NO_SUCH_PROJECT, "no project " + projectId));
        List<MonitoringReport> all = reports.ofProject(project.id());
        return all.stream().map(r -> MonitoringViews.of(r, all, verifications.ofReport(r.id()))).toList();
    }

    @Transactional
    public MonitoringReportView report(String projectId, UUID reportId) {
        return reportsOf(projectId).stream().filter(r -> r.id().equals(reportId.toString())).findFirst()
                .orElseThrow(() -> new RuleViolation(ProjectRule.NO_SUCH_REPORT, "project " + projectId + " has no monitoring report " + reportId));
    }

    private MonitoringReport.Predecessor predecessor(Project project, UUID reportId) {
        MonitoringReport previous = lockedReport(project, reportId);
        return new MonitoringReport.Predecessor(previous, reports.supersededBy(reportId), !verifications.ofReport(reportId).isEmpty());
    }

    private MonitoringReport lockedReport(Project project, UUID reportId) {
        return reports.lockForChange(reportId).filter(r -> r.projectId().equals(project.id()))
                .orElseThrow(() -> new RuleViolation(ProjectRule.NO_SUCH_REPORT, project.label() + " has no monitoring report " + reportId));
    }

    private CountrySnapshot country(Project project) {
        return countries.find(project.hostCountry()).orElseThrow(() -> new RuleViolation(ProjectRule.UNKNOWN_COUNTRY,
                "no partner country " + project.hostCountry() + " is known here"));
    }
}
