package org.jcm.registry.projectregistry.monitoring;

import java.time.LocalDate;
import java.util.List;

import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;

/** How monitoring reports and verifications are shown: each with what supersedes it, if a correction does. */
public final class MonitoringViews {

    private MonitoringViews() {}

    public record MonitoringReportView(String id, String projectId, String supersedes, String supersededBy, Period period,
            List<VintageAmount> claimedReductions, long totalClaimed, LocalDate submittedOn, DocumentReference document, String submittedBy,
            List<VerificationView> verifications) {}

    public record VerificationView(String id, String monitoringReportId, String supersedes, String supersededBy, String tpeId, String tpeName,
            LocalDate verifiedOn, Verification.Opinion opinion, List<VintageAmount> verifiedReductions, long totalVerified,
            DocumentReference report, String recordedBy) {}

    static VerificationView of(Verification v, List<Verification> all) {
        String supersededBy = all.stream().filter(o -> v.id().equals(o.supersedes())).map(o -> o.id().toString()).findFirst().orElse(null);
        return new VerificationView(v.id().toString(), v.monitoringReportId().toString(), str(v.supersedes()), supersededBy, v.tpeId(), v.tpeName(),
                v.verifiedOn(), v.opinion(), Vintages.asList(v.verifiedByVintage()), v.totalVerified(), v.report(), v.recordedBy());
    }

    static MonitoringReportView of(MonitoringReport r, List<MonitoringReport> all, List<Verification> verifications) {
        String supersededBy = all.stream().filter(o -> r.id().equals(o.supersedes())).map(o -> o.id().toString()).findFirst().orElse(null);
        return new MonitoringReportView(r.id().toString(), r.projectId().toString(), str(r.supersedes()), supersededBy, r.period(),
                Vintages.asList(r.claimedByVintage()), r.totalClaimed(), r.submittedOn(), r.document(), r.submittedBy(),
                verifications.stream().map(v -> of(v, verifications)).toList());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
