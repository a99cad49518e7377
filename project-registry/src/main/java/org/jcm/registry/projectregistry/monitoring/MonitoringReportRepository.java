package org.jcm.registry.projectregistry.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.persistence.Aggregates;

@ApplicationScoped
public class MonitoringReportRepository implements PanacheRepositoryBase<MonitoringReport, UUID> {

    /**
     * Locks a report against the other acts on it: a correction of it and a verification of it exclude each other, so
     * one period can never end up with a verified original and a verifiable correction.
     */
    public Optional<MonitoringReport> lockForChange(UUID reportId) {
        return Aggregates.lockForChange(getEntityManager(), MonitoringReport.class, reportId);
    }

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
