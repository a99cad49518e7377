package org.jcm.registry.projectregistry.monitoring;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.MonitoringReportView;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.VerificationView;

@Path("/api/projects/{projectId}/monitoring-reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring and verification", description = "Monitoring reports of registered projects and their verification by designated TPEs")
@Idempotent
public class MonitoringResource {

    private final MonitoringService service;
    private final Callers callers;

    public MonitoringResource(MonitoringService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @Schema(example = "{\"period\": {\"start\": \"2025-01-01\", \"end\": \"2025-12-31\"}, \"claimedReductions\": [{\"vintage\": 2025, \"tonnes\": 1150}], \"totalClaimed\": 1150, \"submittedOn\": \"2026-01-20\", \"document\": {\"kind\": \"MONITORING_REPORT\", \"uri\": \"https://jcm.example/th/monitoring-2025.pdf\", \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}}")
    public record SubmitReport(@NotNull @Valid Period period, @Size(max = 250) List<@Valid @NotNull VintageAmount> claimedReductions,
            @Min(0) @Max(Limits.MAX_TONNES) Long totalClaimed, LocalDate submittedOn, @NotNull @Valid DocumentReference document, UUID supersedes) {}

    @Schema(example = "{\"tpeId\": \"TPE-TH-001\", \"verifiedOn\": \"2026-02-20\", \"opinion\": \"POSITIVE\", \"verifiedReductions\": [{\"vintage\": 2025, \"tonnes\": 1100}], \"totalVerified\": 1100, \"report\": {\"kind\": \"VERIFICATION_REPORT\", \"uri\": \"https://jcm.example/th/verification-2025.pdf\", \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}}")
    public record RecordVerification(@NotBlank @Size(max = 64) String tpeId, @NotNull LocalDate verifiedOn, @NotNull Verification.Opinion opinion,
            @Size(max = 250) List<@Valid @NotNull VintageAmount> verifiedReductions, @Min(0) @Max(Limits.MAX_TONNES) Long totalVerified,
            @NotNull @Valid DocumentReference report, UUID supersedes) {}

    @POST
    @Operation(operationId = "submitMonitoringReport", summary = "Submits a monitoring report for a REGISTERED project", description = "The period lies inside the crediting period and "
            + "overlaps no other period of the project; claimed reductions are given per calendar year (vintage). A correction names the "
            + "report it supersedes (`supersedes`) and restates the same period.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-010, JCM-PRJ-013, JCM-PRJ-020, JCM-PRJ-021, JCM-PRJ-022, JCM-PRJ-023, JCM-PRJ-024, JCM-PRJ-026, JCM-PRJ-027, JCM-PRJ-029, JCM-REQ-013")
    @APIResponse(responseCode = "201", description = "Submitted")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public Response submit(@PathParam("projectId") String projectId, @Valid @NotNull SubmitReport r) {
        MonitoringReportView view = service.submit(projectId, new MonitoringReport.Claim(r.period(), r.claimedReductions(), r.totalClaimed(),
                r.submittedOn(), r.document(), r.supersedes()), callers.current());
        return Response.created(URI.create("/api/projects/" + view.projectId() + "/monitoring-reports/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(operationId = "listMonitoringReports", summary = "The project's monitoring reports with their verifications", description = "By project id, reference or idea-note reference; corrections name the report they supersede.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001")
    @PermitAll
    public List<MonitoringReportView> list(@PathParam("projectId") String projectId) {
        return service.reportsOf(projectId);
    }

    @GET
    @Path("/{reportId}")
    @Operation(operationId = "getMonitoringReport", summary = "One monitoring report with its verifications", description = "With the verifications of the report and what supersedes what.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-020")
    @PermitAll
    public MonitoringReportView get(@PathParam("projectId") String projectId, @PathParam("reportId") UUID reportId) {
        return service.report(projectId, reportId);
    }

    @POST
    @Path("/{reportId}/verifications")
    @Operation(operationId = "recordVerification", summary = "Records a TPE's verification of the report", description = "The TPE must be designated for the methodology's sectoral "
            + "scope in the host country on the verification date. Verified reductions are given per vintage, add up, and never exceed the "
            + "claim. A correction names the verification it supersedes.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-003, JCM-PRJ-007, JCM-PRJ-010, JCM-PRJ-013, JCM-PRJ-014, JCM-PRJ-020, JCM-PRJ-021, JCM-PRJ-024, JCM-PRJ-025, JCM-PRJ-026, JCM-PRJ-027, JCM-PRJ-028, JCM-PRJ-029, JCM-REQ-013")
    @APIResponse(responseCode = "201", description = "Recorded")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public Response verify(@PathParam("projectId") String projectId, @PathParam("reportId") UUID reportId, @Valid @NotNull RecordVerification r) {
        VerificationView view = service.verify(projectId, reportId, new Verification.Finding(r.tpeId(), r.verifiedOn(), r.opinion(),
                r.verifiedReductions(), r.totalVerified(), r.report(), r.supersedes()), callers.current());
        return Response.created(URI.create("/api/projects/" + projectId + "/monitoring-reports/" + reportId + "/verifications/" + view.id()))
                .entity(view).build();
    }
}
