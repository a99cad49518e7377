package org.jcm.registry.projectregistry.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class VerificationRepository implements PanacheRepositoryBase<Verification, UUID> {

    public List<Verification> ofReport(UUID reportId) {
        return list("monitoringReportId", Sort.by("createdAt"), reportId);
    }

    public Optional<Verification> supersededBy(UUID verificationId) {
        return find("supersedes", verificationId).firstResultOptional();
    }
}
