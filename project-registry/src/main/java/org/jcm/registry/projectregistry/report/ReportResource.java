package org.jcm.registry.projectregistry.report;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.report.Table;
import org.jcm.registry.projectregistry.monitoring.MonitoringService;
import org.jcm.registry.projectregistry.project.ProjectService;

/** Public tables, for anyone: JSON (an array of rows) or CSV ({@code format=csv}) with the same columns. */
@Path("/api/reports")
@Tag(name = "Reports", description = "Public tables of the project registry: the projects found by a search, a project's monitoring and verification")
public class ReportResource {

    private final ProjectService projects;
    private final MonitoringService monitoring;

    public ReportResource(ProjectService projects, MonitoringService monitoring) {
        this.projects = projects;
        this.monitoring = monitoring;
    }

    @GET
    @Path("/projects")
    @Produces({MediaType.APPLICATION_JSON, Table.CSV})
    @Operation(operationId = "reportProjects", summary = "The projects found, one row each", description = "The filters of `GET /api/projects`; columns reference, pinReference, title, hostCountry, methodology, sectoralScope, state, cityCollaboration, estimatedAnnualReductions, creditingPeriodStart, creditingPeriodEnd, id.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The table")
    @PermitAll
    public Response projects(@QueryParam("country") @Size(max = 8) String country, @QueryParam("state") @Size(max = 32) String state,
            @QueryParam("methodology") @Size(max = 64) String methodology, @QueryParam("cityCollaboration") @Size(max = 401) String cityCollaboration,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        return ReportTables
                .projects(projects.search(country, Params.optionalEnum(ProjectState.class, state, "state"), methodology, cityCollaboration))
                .answer(format, "projects");
    }

    @GET
    @Path("/monitoring")
    @Produces({MediaType.APPLICATION_JSON, Table.CSV})
    @Operation(operationId = "reportMonitoring", summary = "A project's monitoring periods and their verifications, one row per verification", description = "`project`: its id, reference or idea-note reference. A report not verified yet has one row with the verification's columns empty; tonnes per vintage as `2017: 150; 2018: 360`. Columns project, monitoringReport, periodStart, periodEnd, claimedReductions, totalClaimed, submittedOn, reportSupersededBy, verification, verifiedBy, verifiedOn, opinion, verifiedReductions, totalVerified, verificationSupersededBy.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The table")
    @PermitAll
    public Response monitoring(@QueryParam("project") @NotNull @Size(max = 64) String project,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        return ReportTables.monitoring(project, monitoring.reportsOf(project)).answer(format,
                "monitoring-" + project.replaceAll("[^A-Za-z0-9_-]", ""));
    }
}
