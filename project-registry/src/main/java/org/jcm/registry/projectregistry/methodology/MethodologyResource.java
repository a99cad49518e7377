package org.jcm.registry.projectregistry.methodology;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.MethodologySnapshot;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.eventlog.HistoryEntry;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

@Path("/api/methodologies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Methodologies", description = "Methodologies per partner country, approved by its Joint Committee as {CC}_AM{NNN}")
@Idempotent
public class MethodologyResource {

    private final MethodologyService service;
    private final Callers callers;

    public MethodologyResource(MethodologyService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @Schema(example = "{\"country\": \"TH\", \"title\": \"Installation of solar PV systems\", \"sectoralScope\": 1, \"proposedOn\": \"2024-09-01\"}")
    public record ProposeMethodology(@NotBlank @Pattern(regexp = "[A-Z]{2}") String country, @NotBlank @Size(max = 300) String title,
            @NotNull @Min(1) @Max(15) Integer sectoralScope, LocalDate proposedOn) {}

    @Schema(example = "{\"decisionReference\": \"JC-TH-2024-07\", \"decidedOn\": \"2024-10-01\"}")
    public record Decision(@NotBlank @Size(max = 200) String decisionReference, @NotNull LocalDate decidedOn, @Size(max = 2000) String reason) {

        JcDecision jc() {
            return new JcDecision(decisionReference, decidedOn);
        }
    }

    @Schema(example = "{\"decisionReference\": \"JC-TH-2025-02\", \"decidedOn\": \"2025-02-01\", \"title\": \"Installation of solar PV systems, version 2\"}")
    public record Revision(@NotBlank @Size(max = 200) String decisionReference, @NotNull LocalDate decidedOn, @Size(max = 300) String title) {}

    @POST
    @Operation(operationId = "proposeMethodology", summary = "Proposes a methodology for a partner country", description = "Sectoral scope 1 to 15; it is numbered only at approval.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-003, JCM-MTH-004, JCM-MTH-005, JCM-MTH-006")
    @APIResponse(responseCode = "201", description = "Proposed")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public Response propose(@Valid @NotNull ProposeMethodology request) {
        MethodologySnapshot m = service.propose(request.country(), request.title(), request.sectoralScope(), request.proposedOn(), callers.current());
        return Response.created(URI.create("/api/methodologies/" + m.id())).entity(m).build();
    }

    @GET
    @Operation(operationId = "listMethodologies", summary = "Lists methodologies", description = "Optionally of one country (`country`) and in one state (`state`).")
    @PermitAll
    public List<MethodologySnapshot> list(@QueryParam("country") String country, @QueryParam("state") String state) {
        return service.list(country, Params.optionalEnum(MethodologyState.class, state, "state"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMethodology", summary = "One methodology, by id or by reference (e.g. MN_AM003)", description = "With its state, version, sectoral scope and the Joint Committee decisions on it.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-001")
    @PermitAll
    public MethodologySnapshot get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "methodologyHistory", summary = "Every event of one methodology, oldest first, from the service's event log", description = "Each event as published, with who made the change.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return service.history(id, callers.current());
    }

    @POST
    @Path("/{id}/approval")
    @Operation(operationId = "approveMethodology", summary = "Records the Joint Committee's approval", description = "Assigns the next reference of the country, {CC}_AM{NNN}.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-001, JCM-MTH-002, JCM-MTH-006, JCM-MTH-007, JCM-MTH-008")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public MethodologySnapshot approve(@PathParam("id") String id, @Valid @NotNull Decision request) {
        return service.approve(id, request.jc(), callers.current());
    }

    @POST
    @Path("/{id}/rejection")
    @Operation(operationId = "rejectMethodology", summary = "Records the Joint Committee's rejection", description = "Only a PROPOSED methodology; the decision may not be dated in the future.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-001, JCM-MTH-002, JCM-MTH-006, JCM-MTH-007")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public MethodologySnapshot reject(@PathParam("id") String id, @Valid @NotNull Decision request) {
        return service.reject(id, request.jc(), request.reason(), callers.current());
    }

    @POST
    @Path("/{id}/revision")
    @Operation(operationId = "reviseMethodology", summary = "Records a revision approved by the Joint Committee", description = "The methodology keeps its reference; its version grows by one.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-001, JCM-MTH-002, JCM-MTH-006, JCM-MTH-007")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public MethodologySnapshot revise(@PathParam("id") String id, @Valid @NotNull Revision request) {
        return service.revise(id, request.title(), new JcDecision(request.decisionReference(), request.decidedOn()), callers.current());
    }

    @POST
    @Path("/{id}/withdrawal")
    @Operation(operationId = "withdrawMethodology", summary = "Withdraws an approved methodology for new projects", description = "Projects that use it keep it; no new idea note may name it.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MTH-001, JCM-MTH-002, JCM-MTH-006, JCM-MTH-007")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public MethodologySnapshot withdraw(@PathParam("id") String id, @Valid @NotNull Decision request) {
        return service.withdraw(id, request.jc(), request.reason(), callers.current());
    }
}
