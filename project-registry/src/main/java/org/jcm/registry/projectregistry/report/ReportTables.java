package org.jcm.registry.projectregistry.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.platform.report.Table;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.MonitoringReportView;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.VerificationView;

/** The project registry's public tables: what the public pages list and let anyone download. */
final class ReportTables {

    private ReportTables() {}

    /** One row per project found. */
    static Table projects(List<ProjectSnapshot> projects) {
        return new Table(List.of("reference", "pinReference", "title", "hostCountry", "methodology", "sectoralScope", "state", "cityCollaboration",
                "estimatedAnnualReductions", "creditingPeriodStart", "creditingPeriodEnd", "id"),
                projects.stream().map(p -> Table.row(p.reference(), p.pinReference(), p.title(), p.hostCountry(), p.methodologyReference(),
                        p.sectoralScope(), p.state().name(),
                        p.cityCollaboration() == null ? null : p.cityCollaboration().japaneseCity() + "-" + p.cityCollaboration().partnerCity(),
                        p.estimatedAnnualReductions(), p.creditingPeriod() == null ? null : p.creditingPeriod().start(),
                        p.creditingPeriod() == null ? null : p.creditingPeriod().end(), p.id())).toList());
    }

    /**
     * One row per verification of each monitoring report of a project, in the order submitted (a report not verified yet:
     * one row with the verification's columns empty); tonnes per vintage as {@code 2017: 150; 2018: 360}.
     */
    static Table monitoring(String project, List<MonitoringReportView> reports) {
        List<List<Object>> rows = new ArrayList<>();
        for (MonitoringReportView r : reports) {
            List<VerificationView> verifications = r.verifications().isEmpty() ? java.util.Collections.singletonList(null) : r.verifications();
            for (VerificationView v : verifications) {
                rows.add(Table.row(project, r.id(), r.period().start(), r.period().end(), vintages(r.claimedReductions()), r.totalClaimed(),
                        r.submittedOn(),
                        r.supersededBy(), v == null ? null : v.id(), v == null ? null : v.tpeName(), v == null ? null : v.verifiedOn(),
                        v == null ? null : v.opinion().name(), v == null ? null : vintages(v.verifiedReductions()),
                        v == null ? null : v.totalVerified(),
                        v == null ? null : v.supersededBy()));
            }
        }
        return new Table(List.of("project", "monitoringReport", "periodStart", "periodEnd", "claimedReductions", "totalClaimed", "submittedOn",
                "reportSupersededBy", "verification", "verifiedBy", "verifiedOn", "opinion", "verifiedReductions", "totalVerified",
                "verificationSupersededBy"), rows);
    }

    private static String vintages(List<VintageAmount> amounts) {
        return amounts.stream().map(a -> a.vintage() + ": " + a.tonnes()).collect(Collectors.joining("; "));
    }
}
