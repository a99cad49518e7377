package org.jcm.registry.contract.project;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.Limits;

/**
 * Events of the project aggregate on {@link org.jcm.registry.contract.Topics#PROJECTS}, keyed by the project id.
 * Every event carries the project's full state after the change; monitoring and verification events also carry
 * the report or verification they record.
 */
@EventTopic(Topics.PROJECTS)
public sealed interface ProjectEvent {

    ProjectSnapshot project();

    /** Who made the change: an operator's user name, or {@code partner:XX} for a partner-country system. */
    String actor();

    record ProjectIdeaSubmitted(ProjectSnapshot project, String actor) implements ProjectEvent {}

    record ProjectNoObjectionGranted(ProjectSnapshot project, String actor, JcDecision decision) implements ProjectEvent {}

    record ProjectDesignPublished(ProjectSnapshot project, String actor, LocalDate publishedOn,
            DocumentReference designDocument) implements ProjectEvent {}

    record ProjectValidated(ProjectSnapshot project, String actor, ProjectSnapshot.Validation validation) implements ProjectEvent {}

    record ProjectRegistrationRequested(ProjectSnapshot project, String actor, LocalDate requestedOn) implements ProjectEvent {}

    /** The JC registered the project; {@code project().reference()} is its new reference ({@code {CC}{NNN}}). */
    record ProjectRegistered(ProjectSnapshot project, String actor, JcDecision decision) implements ProjectEvent {}

    record ProjectWithdrawn(ProjectSnapshot project, String actor, LocalDate withdrawnOn, String reason) implements ProjectEvent {}

    record ProjectDeregistered(ProjectSnapshot project, String actor, JcDecision decision, String reason) implements ProjectEvent {}

    record MonitoringReportSubmitted(ProjectSnapshot project, String actor, MonitoringReport report) implements ProjectEvent {}

    /**
     * A designated TPE verified a monitoring report positively. Self-contained so credit-issuance can decide an
     * issuance from it alone: the project's reference, host country, methodology and credit allocation, the
     * monitoring period, the verified reductions per vintage (calendar year) and their total, the TPE and the
     * reports. A correction is a new event whose {@code supersedesVerificationId} names the verification it replaces.
     */
    record ReductionsVerified(
            ProjectSnapshot project,
            String actor,
            String verificationId,
            String supersedesVerificationId,
            String projectReference,
            String hostCountry,
            String methodologyReference,
            String monitoringReportId,
            ProjectSnapshot.Period monitoringPeriod,
            List<VintageAmount> verifiedReductions,
            long totalVerified,
            String tpeId,
            String tpeName,
            LocalDate verifiedOn,
            DocumentReference monitoringReportDocument,
            DocumentReference verificationReport,
            ProjectSnapshot.CreditAllocation creditAllocation) implements ProjectEvent {}

    /** A designated TPE's opinion on a monitoring report was negative: nothing is verified for that period. */
    record VerificationNegative(ProjectSnapshot project, String actor, String verificationId, String supersedesVerificationId,
            String monitoringReportId, ProjectSnapshot.Period monitoringPeriod, String tpeId, LocalDate verifiedOn,
            DocumentReference verificationReport) implements ProjectEvent {}

    /** A monitoring report: the reductions claimed for a period, per vintage. A correction supersedes an earlier report. */
    record MonitoringReport(String id, String supersedes, ProjectSnapshot.Period period, List<VintageAmount> claimedReductions,
            long totalClaimed, LocalDate submittedOn, DocumentReference document) {}

    /** Tonnes of CO2-equivalent for one calendar year (the Article 6 vintage). */
    record VintageAmount(@Min(1990) @Max(2199) int vintage, @Min(0) @Max(Limits.MAX_TONNES) long tonnes) {}
}
