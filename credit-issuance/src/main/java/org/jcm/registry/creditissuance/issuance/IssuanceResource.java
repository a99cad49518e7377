package org.jcm.registry.creditissuance.issuance;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.jcm.registry.creditissuance.issuance.IssuanceQueries.IssuanceView;
import org.jcm.registry.creditissuance.issuance.IssuanceQueries.Page;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

@Path("/api/issuances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Issuances", description = "Requests for the credits of a verified monitoring period, the Joint Committee's decisions, and the issuance history")
@Idempotent
public class IssuanceResource {

    private final IssuanceService service;
    private final IssuanceQueries queries;
    private final Callers callers;

    public IssuanceResource(IssuanceService service, IssuanceQueries queries, Callers callers) {
        this.service = service;
        this.queries = queries;
        this.callers = callers;
    }

    @Schema(example = "{\"projectReference\": \"TH001\", \"monitoringPeriodStart\": \"2023-01-01\", \"monitoringPeriodEnd\": \"2023-12-31\"}")
    public record RequestIssuance(@NotBlank @Size(max = Limits.CODE) String projectReference, @NotNull LocalDate monitoringPeriodStart,
            @NotNull LocalDate monitoringPeriodEnd) {}

    @Schema(example = "{\"decisionReference\": \"JC-TH-2024-11\", \"decidedOn\": \"2024-03-15\", \"lines\": [{\"registry\": \"JP\", \"account\": \"JP-100-1\", \"vintage\": 2023, \"quantity\": 150}, {\"registry\": \"TH\", \"account\": \"TH-100-1\", \"vintage\": 2023, \"quantity\": 150}]}")
    public record RecordDecision(@NotBlank @Size(max = Limits.REFERENCE) String decisionReference, @NotNull LocalDate decidedOn,
            @NotEmpty @Size(max = Limits.ITEMS) List<@NotNull @Valid LineRequest> lines) {}

    public record LineRequest(@NotBlank @Size(max = 8) String registry, @NotBlank @Size(max = Limits.CODE) String account,
            @Min(1990) @Max(2199) int vintage, @Min(1) @Max(Limits.MAX_TONNES) long quantity) {}

    @POST
    @Operation(operationId = "requestIssuance", summary = "Requests the credits of one verified monitoring period", description = "A participant of the project (or an operator for its host country). The project must be REGISTERED, its host country ACTIVE, the period positively verified, and not requested before: at most one issuance per (project, monitoring period).")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ISS-002, JCM-ISS-003, JCM-ISS-004, JCM-ISS-005")
    @APIResponse(responseCode = "201", description = "Requested")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTICIPANT})
    public Response request(@Valid @NotNull RequestIssuance request) {
        Issuance i = service.request(request.projectReference(), request.monitoringPeriodStart(), request.monitoringPeriodEnd(), callers.current());
        return Response.created(URI.create("/api/issuances/" + i.id())).entity(view(i.id())).build();
    }

    @POST
    @Path("/{id}/decision")
    @Operation(operationId = "recordIssuanceDecision", summary = "Records the Joint Committee's issuance decision and issues its lines", description = "Each line (registry, receiving account, vintage, quantity) becomes one serial block. The registry checks the lines and never recomputes them: per vintage no more than verified, every vintage verified in the period, receiving accounts OPEN holding accounts of their registry. A refusal lists every failed check.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ISS-001, JCM-ISS-005, JCM-ISS-006, JCM-ISS-007, JCM-ISS-008, JCM-ISS-009, JCM-ISS-010, JCM-ISS-012, JCM-ISS-013")
    @RolesAllowed(Caller.OPERATOR)
    public IssuanceView decide(@PathParam("id") String id, @Valid @NotNull RecordDecision request) {
        UUID issuance = Params.uuid(id, IssuanceRule.NO_SUCH_ISSUANCE, "issuance");
        service.decide(issuance, new JcDecision(request.decisionReference(), request.decidedOn()), request.lines().stream()
                .map(l -> new Issuance.Line(l.registry(), l.account(), l.vintage(), l.quantity())).toList(), callers.current());
        return view(issuance);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIssuance", summary = "One issuance with its decision, verification, lines and blocks", description = "Its host country's operator or partner system, or an auditor.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ISS-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public IssuanceView get(@PathParam("id") String id) {
        Issuance i = service.get(Params.uuid(id, IssuanceRule.NO_SUCH_ISSUANCE, "issuance"), callers.current());
        return view(i.id());
    }

    @GET
    @Operation(operationId = "listIssuances", summary = "The issuance history", description = "Filter by host `country`, `project` reference, `vintage`, monitoring periods overlapping `periodFrom`..`periodTo`, and issuance time `from` (included) .. `to` (excluded). Keyset pages: `after` is the `next` of the previous page. Without `country`: an auditor or an operator bound to no country.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REQ-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public Page list(@QueryParam("country") @Size(max = 2) String country, @QueryParam("project") @Size(max = Limits.CODE) String project,
            @QueryParam("vintage") @Min(1990) @Max(2199) Integer vintage, @QueryParam("periodFrom") String periodFrom,
            @QueryParam("periodTo") String periodTo, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Caller caller = callers.current();
        if (country == null || country.isBlank()) {
            caller.readGlobally("the issuance history of every country");
        } else {
            caller.readCountry(country);
        }
        return queries.page(new IssuanceQueries.Filter(null, country == null || country.isBlank() ? null : country, project, vintage,
                Params.optionalDate(periodFrom, "periodFrom"), Params.optionalDate(periodTo, "periodTo"), Params.optionalInstant(from, "from"),
                Params.optionalInstant(to, "to")), after, limit);
    }

    private IssuanceView view(UUID id) {
        return queries.page(new IssuanceQueries.Filter(id, null, null, null, null, null, null, null), 0, 1).issuances().get(0);
    }
}
