package org.jcm.registry.projectregistry.project;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectSnapshot.CityCollaboration;
import org.jcm.registry.contract.project.ProjectSnapshot.CreditAllocation;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.eventlog.HistoryEntry;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;
import org.jcm.registry.projectregistry.monitoring.MonitoringService;
import org.jcm.registry.projectregistry.monitoring.MonitoringViews.MonitoringReportView;

@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects", description = "The JCM project cycle, from idea note to registration, and its history")
@Idempotent
public class ProjectResource {

    private final ProjectService service;
    private final MonitoringService monitoring;
    private final Callers callers;

    public ProjectResource(ProjectService service, MonitoringService monitoring, Callers callers) {
        this.service = service;
        this.monitoring = monitoring;
        this.callers = callers;
    }

    /** {@code participantId}: the entity's registry identity, if it acts in the registry (its tokens' {@code jcm_participant}). */
    public record ParticipantRequest(@NotBlank @Size(max = 300) String name, @NotBlank @Pattern(regexp = "[A-Z]{2}") String country,
            @NotBlank @Size(max = 100) String role, boolean focalPoint,
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String participantId) {}

    @Schema(example = "{\"title\": \"Solar power on factory roofs in Rayong\", \"hostCountry\": \"TH\", \"methodology\": \"TH_AM001\", \"participants\": [{\"name\": \"Rayong Solar Co.\", \"country\": \"TH\", \"role\": \"project owner\", \"focalPoint\": true, \"participantId\": \"PP-TH-0001\"}, {\"name\": \"Nippon Green Energy K.K.\", \"country\": \"JP\", \"role\": \"investor\", \"focalPoint\": false}], \"creditingPeriod\": {\"start\": \"2025-01-01\", \"end\": \"2030-12-31\"}, \"estimatedAnnualReductions\": 1200, \"creditAllocation\": {\"governmentOfJapan\": 50, \"partnerGovernment\": 10, \"participants\": 40}}")
    public record SubmitIdea(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Pattern(regexp = "[A-Z]{2}") String hostCountry,
            @NotBlank @Size(max = 64) String methodology,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull ParticipantRequest> participants,
            @NotNull @Valid Period creditingPeriod,
            @NotNull @Min(0) @Max(Limits.MAX_TONNES) Long estimatedAnnualReductions,
            @NotNull @Valid CreditAllocation creditAllocation,
            @Valid CityCollaboration cityCollaboration,
            @Size(max = 100) List<@Valid @NotNull DocumentReference> documents,
            LocalDate submittedOn) {}

    @Schema(example = "{\"decisionReference\": \"JC-TH-2025-03\", \"decidedOn\": \"2025-03-10\"}")
    public record Decision(@NotBlank @Size(max = 200) String decisionReference, @NotNull LocalDate decidedOn, @Size(max = 2000) String reason) {

        JcDecision jc() {
            return new JcDecision(decisionReference, decidedOn);
        }
    }

    @Schema(example = "{\"publishedOn\": \"2025-04-01\", \"designDocument\": {\"kind\": \"PDD\", \"uri\": \"https://jcm.example/th/pdd-rayong.pdf\", \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}}")
    public record DesignPublication(@NotNull LocalDate publishedOn, @NotNull @Valid DocumentReference designDocument) {}

    @Schema(example = "{\"tpeId\": \"TPE-TH-001\", \"validatedOn\": \"2025-05-01\", \"report\": {\"kind\": \"VALIDATION_REPORT\", \"uri\": \"https://jcm.example/th/validation-rayong.pdf\", \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}}")
    public record ValidationRequest(@NotBlank @Size(max = 64) String tpeId, @NotNull LocalDate validatedOn,
            @NotNull @Valid DocumentReference report) {}

    @Schema(example = "{\"requestedOn\": \"2025-05-15\"}")
    public record RegistrationRequest(LocalDate requestedOn) {}

    @Schema(example = "{\"withdrawnOn\": \"2025-06-01\", \"reason\": \"The participants abandoned the project\"}")
    public record Withdrawal(LocalDate withdrawnOn, @Size(max = 2000) String reason) {}

    /** One project with its monitoring periods and their verifications. */
    public record ProjectDetails(ProjectSnapshot project, List<MonitoringReportView> monitoringReports) {}

    @POST
    @Operation(operationId = "submitProjectIdea", summary = "Submits a project idea note", description = "The host country must be ACTIVE and the methodology an approved one of "
            + "that country. Assigns the idea-note reference {CC}_PIN{NNN}.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-003, JCM-PRJ-004, JCM-PRJ-005, JCM-PRJ-006, JCM-PRJ-008, JCM-PRJ-009, JCM-PRJ-010, JCM-PRJ-011, JCM-PRJ-012, JCM-PRJ-013, JCM-PRJ-017")
    @APIResponse(responseCode = "201", description = "Submitted")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public Response submit(@Valid @NotNull SubmitIdea r) {
        List<Participant> participants = r.participants().stream()
                .map(p -> new Participant(p.name(), p.country(), p.role(), p.focalPoint(), p.participantId())).toList();
        ProjectSnapshot p = service.submitIdea(r.hostCountry(), r.methodology(), new IdeaNote(r.title(), participants, r.creditingPeriod(),
                r.estimatedAnnualReductions(), r.creditAllocation(), r.cityCollaboration(), r.documents()), r.submittedOn(), callers.current());
        return Response.created(URI.create("/api/projects/" + p.id())).entity(p).build();
    }

    @GET
    @Operation(operationId = "searchProjects", summary = "Finds projects", description = "Filters: `country`, `state`, `methodology` (id or reference such as MN_AM003), "
            + "`cityCollaboration` (either city, or both as `Kitakyushu-Hai Phong`). The same search as a table (JSON rows or CSV): `GET /api/reports/projects`.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REQ-001")
    @PermitAll
    public List<ProjectSnapshot> search(@QueryParam("country") @Size(max = 8) String country, @QueryParam("state") @Size(max = 32) String state,
            @QueryParam("methodology") @Size(max = 64) String methodology,
            @QueryParam("cityCollaboration") @Size(max = 401) String cityCollaboration) {
        return service.search(country, Params.optionalEnum(ProjectState.class, state, "state"), methodology, cityCollaboration);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProject", summary = "One project with its monitoring periods and verifications", description = "By id, project reference (MN001) or idea-note reference (MN_PIN001).")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001")
    @PermitAll
    public ProjectDetails get(@PathParam("id") String id) {
        ProjectSnapshot project = service.get(id);
        return new ProjectDetails(project, monitoring.reportsOf(project.id()));
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "projectHistory", summary = "Every event of one project, oldest first, from the service's event log", description = "Each event as published, with who made the change.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT, Caller.AUDITOR})
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return service.history(id, callers.current());
    }

    @POST
    @Path("/{id}/no-objection")
    @Operation(operationId = "grantNoObjection", summary = "Records the Joint Committee's no objection to the idea note", description = "Only for an idea note (IDEA_SUBMITTED); the same decision again changes nothing, another one is refused.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-013, JCM-PRJ-014, JCM-PRJ-015")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public ProjectSnapshot noObjection(@PathParam("id") String id, @Valid @NotNull Decision r) {
        return service.grantNoObjection(id, r.jc(), callers.current());
    }

    @POST
    @Path("/{id}/design-publication")
    @Operation(operationId = "publishProjectDesign", summary = "Records the publication of the project design document for public input", description = "After the no objection; the design document is referenced by URI and SHA-256, and recorded as a PDD.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-010, JCM-PRJ-013, JCM-PRJ-014")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public ProjectSnapshot publishDesign(@PathParam("id") String id, @Valid @NotNull DesignPublication r) {
        return service.publishDesign(id, r.publishedOn(), r.designDocument(), callers.current());
    }

    @POST
    @Path("/{id}/validation")
    @Operation(operationId = "validateProject", summary = "Records the validation by a TPE", description = "The TPE must be designated for the methodology's sectoral scope in the host country on the validation date.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-003, JCM-PRJ-007, JCM-PRJ-010, JCM-PRJ-013, JCM-PRJ-014")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public ProjectSnapshot validate(@PathParam("id") String id, @Valid @NotNull ValidationRequest r) {
        return service.validate(id, r.tpeId(), r.validatedOn(), r.report(), callers.current());
    }

    @POST
    @Path("/{id}/registration-request")
    @Operation(operationId = "requestProjectRegistration", summary = "Requests registration of a validated project", description = "After validation; the host country must be ACTIVE.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-003, JCM-PRJ-004, JCM-PRJ-005, JCM-PRJ-013, JCM-PRJ-014")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public ProjectSnapshot requestRegistration(@PathParam("id") String id, @Valid @NotNull RegistrationRequest r) {
        return service.requestRegistration(id, r.requestedOn(), callers.current());
    }

    @POST
    @Path("/{id}/registration")
    @Operation(operationId = "registerProject", summary = "Records the Joint Committee's registration", description = "Assigns the next project reference of the host country, {CC}{NNN}.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-003, JCM-PRJ-004, JCM-PRJ-005, JCM-PRJ-013, JCM-PRJ-014, JCM-PRJ-015, JCM-PRJ-017")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public ProjectSnapshot register(@PathParam("id") String id, @Valid @NotNull Decision r) {
        return service.register(id, r.jc(), callers.current());
    }

    @POST
    @Path("/{id}/withdrawal")
    @Operation(operationId = "withdrawProject", summary = "Withdraws a project before its registration", description = "From any state before REGISTERED.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-013, JCM-PRJ-014")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public ProjectSnapshot withdraw(@PathParam("id") String id, @Valid @NotNull Withdrawal r) {
        return service.withdraw(id, r.withdrawnOn(), r.reason(), callers.current());
    }

    @POST
    @Path("/{id}/deregistration")
    @Operation(operationId = "deregisterProject", summary = "Records the Joint Committee's deregistration of a registered project", description = "Only a REGISTERED project; its history and reference stay.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-PRJ-001, JCM-PRJ-002, JCM-PRJ-013, JCM-PRJ-014")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public ProjectSnapshot deregister(@PathParam("id") String id, @Valid @NotNull Decision r) {
        return service.deregister(id, r.jc(), r.reason(), callers.current());
    }
}
