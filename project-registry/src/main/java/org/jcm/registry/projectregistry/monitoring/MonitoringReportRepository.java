package org.jcm.registry.projectregistry.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;

@ApplicationScoped
public class MonitoringReportRepository implements PanacheRepositoryBase<MonitoringReport, UUID> {

    public List<MonitoringReport> ofProject(UUID projectId) {
        return list("projectId", Sort.by("periodStart").and("createdAt"), projectId);
    }

    /** Original reports of the project whose period shares a day with {@code period}. */
    public List<MonitoringReport> overlapping(UUID projectId, Period period) {
        return list("projectId = ?1 and supersedes is null and periodStart <= ?3 and periodEnd >= ?2", projectId, period.start(), period.end());
    }

    public Optional<MonitoringReport> supersededBy(UUID reportId) {
        return find("supersedes", reportId).firstResultOptional();
    }
}
