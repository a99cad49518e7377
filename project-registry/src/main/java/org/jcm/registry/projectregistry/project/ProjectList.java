package org.jcm.registry.projectregistry.project;

import java.util.List;

import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.platform.report.Table;

/** The projects found by a search as a table, one row per project: what the public pages list and let anyone download. */
final class ProjectList {

    static final List<String> COLUMNS = List.of("reference", "pinReference", "title", "hostCountry", "methodology", "sectoralScope", "state",
            "cityCollaboration", "estimatedAnnualReductions", "creditingPeriodStart", "creditingPeriodEnd", "id");

    private ProjectList() {}

    static Table table(List<ProjectSnapshot> projects) {
        return new Table(COLUMNS,
                projects.stream().map(p -> Table.row(p.reference(), p.pinReference(), p.title(), p.hostCountry(), p.methodologyReference(),
                        p.sectoralScope(), p.state().name(),
                        p.cityCollaboration() == null ? null : p.cityCollaboration().japaneseCity() + "-" + p.cityCollaboration().partnerCity(),
                        p.estimatedAnnualReductions(), p.creditingPeriod() == null ? null : p.creditingPeriod().start(),
                        p.creditingPeriod() == null ? null : p.creditingPeriod().end(), p.id())).toList());
    }
}
