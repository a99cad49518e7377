package org.jcm.registry.countryonboarding.country;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Article6Settings;
import org.jcm.registry.contract.country.CountrySnapshot.FirstTransfer;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.eventlog.HistoryEntry;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

@Path("/api/countries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner countries", description = "Onboarding of JCM partner countries through their lifecycle")
@Idempotent
public class CountryResource {

    private final CountryService service;
    private final Callers callers;

    public CountryResource(CountryService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @Schema(example = "{\"code\": \"TH\", \"alpha3\": \"THA\", \"name\": \"Thailand\"}")
    public record ProposeCountry(@NotBlank @Size(min = 2, max = 2) String code, @Size(min = 3, max = 3) String alpha3,
            @NotBlank @Size(max = 200) String name) {}

    @Schema(example = "{\"signedOn\": \"2015-11-19\"}")
    public record SignBilateralDocument(@NotNull LocalDate signedOn) {}

    @Schema(example = "{\"establishedOn\": \"2015-11-19\"}")
    public record EstablishJointCommittee(@NotNull LocalDate establishedOn) {}

    @Schema(example = "{\"activatedOn\": \"2016-01-01\", \"registryCode\": \"TH\", \"article6RegistryId\": \"THA01\", \"hosting\": \"EXTERNAL\", \"partnerSystemClientId\": \"urn:jcm:partner:th-registry\"}")
    public record Activate(@NotNull LocalDate activatedOn, @NotBlank @Size(max = 8) String registryCode,
            @NotBlank @Size(max = 5) String article6RegistryId,
            Hosting hosting, @Size(max = 200) String partnerSystemClientId) {}

    @Schema(example = "{\"suspendedOn\": \"2024-01-15\", \"reason\": \"Joint Committee decision JC-TH-2024-01\"}")
    public record Suspend(@NotNull LocalDate suspendedOn, @NotBlank @Size(max = 2000) String reason) {}

    @Schema(example = "{\"reinstatedOn\": \"2024-03-01\"}")
    public record Reinstate(@NotNull LocalDate reinstatedOn) {}

    @Schema(example = "{\"terminatedOn\": \"2024-06-30\", \"reason\": \"The bilateral document was terminated\"}")
    public record Terminate(@NotNull LocalDate terminatedOn, @NotBlank @Size(max = 2000) String reason) {}

    @Schema(example = "{\"tpeId\": \"TPE-TH-001\", \"name\": \"Bureau Veritas Thailand\", \"sectoralScopes\": [1, 3], \"designatedOn\": \"2016-02-01\"}")
    public record DesignateTpe(@NotBlank @Size(max = 64) String tpeId, @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 15) List<@NotNull Integer> sectoralScopes, @NotNull LocalDate designatedOn) {}

    @Schema(example = "{\"withdrawnOn\": \"2024-02-01\"}")
    public record WithdrawTpe(@NotNull LocalDate withdrawnOn) {}

    @Schema(example = "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true, \"oimpFirstTransfer\": \"AUTHORIZATION\"}")
    public record ChangeArticle6(@NotNull Boolean ndcUseAuthorized, @NotNull Boolean oimpUseAuthorized, FirstTransfer oimpFirstTransfer) {}

    @POST
    @Operation(operationId = "proposeCountry", summary = "Proposes a partner country", description = "ISO 3166-1 alpha-2 code; alpha-3 is derived or checked.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-001, JCM-CTY-002, JCM-CTY-003, JCM-CTY-008")
    @APIResponse(responseCode = "201", description = "Proposed")
    @RolesAllowed(Caller.OPERATOR)
    public Response propose(@Valid @NotNull ProposeCountry request) {
        CountrySnapshot country = service.propose(request.code(), request.alpha3(), request.name(), callers.current());
        return Response.created(URI.create("/api/countries/" + country.code())).entity(country).build();
    }

    @GET
    @Operation(operationId = "listCountries", summary = "Lists partner countries", description = "Optionally only those in one state.")
    @PermitAll
    public List<CountrySnapshot> list(@QueryParam("state") String state) {
        return service.list(Params.optionalEnum(CountryState.class, state, "state"));
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getCountry", summary = "One partner country", description = "By ISO 3166-1 alpha-2 code (e.g. TH), with its full state: lifecycle dates, registry identity, TPEs, Article 6 settings and version.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004")
    @PermitAll
    public CountrySnapshot get(@PathParam("code") String code) {
        return service.get(code);
    }

    @POST
    @Path("/{code}/bilateral-document")
    @Operation(operationId = "signBilateralDocument", summary = "Records the signing of the bilateral document", description = "The country must be PROPOSED; the signing date may not be in the future.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006")
    @RolesAllowed(Caller.OPERATOR)
    public CountrySnapshot signBilateralDocument(@PathParam("code") String code, @Valid @NotNull SignBilateralDocument request) {
        return service.signBilateralDocument(code, request.signedOn(), callers.current());
    }

    @POST
    @Path("/{code}/joint-committee")
    @Operation(operationId = "establishJointCommittee", summary = "Records the establishment of the Joint Committee", description = "The bilateral document must be signed; the date may not be in the future nor before the signing.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-007")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public CountrySnapshot establishJointCommittee(@PathParam("code") String code, @Valid @NotNull EstablishJointCommittee request) {
        return service.establishJointCommittee(code, request.establishedOn(), callers.current());
    }

    @POST
    @Path("/{code}/activation")
    @Operation(operationId = "activateCountry", summary = "Activates the country", description = "Its registry is set up: hosted on this system or an external registry reached through events.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-007, JCM-CTY-009, JCM-CTY-010, JCM-CTY-011")
    @RolesAllowed(Caller.OPERATOR)
    public CountrySnapshot activate(@PathParam("code") String code, @Valid @NotNull Activate request) {
        return service.activate(code, request.activatedOn(),
                new RegistryIdentity(request.registryCode(), request.article6RegistryId(), request.hosting()), request.partnerSystemClientId(),
                callers.current());
    }

    @POST
    @Path("/{code}/suspension")
    @Operation(operationId = "suspendCountry", summary = "Suspends an ACTIVE country", description = "Freezes new registrations and issuances; history stays readable. Japan cannot be suspended.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-007, JCM-CTY-008, JCM-CTY-012")
    @RolesAllowed(Caller.OPERATOR)
    public CountrySnapshot suspend(@PathParam("code") String code, @Valid @NotNull Suspend request) {
        return service.suspend(code, request.suspendedOn(), request.reason(), callers.current());
    }

    @POST
    @Path("/{code}/reinstatement")
    @Operation(operationId = "reinstateCountry", summary = "Reinstates a SUSPENDED country to ACTIVE", description = "Not dated in the future nor before the suspension.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-007")
    @RolesAllowed(Caller.OPERATOR)
    public CountrySnapshot reinstate(@PathParam("code") String code, @Valid @NotNull Reinstate request) {
        return service.reinstate(code, request.reinstatedOn(), callers.current());
    }

    @POST
    @Path("/{code}/termination")
    @Operation(operationId = "terminateCountry", summary = "Terminates the partnership", description = "From ACTIVE or SUSPENDED; final. Japan cannot be terminated.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-007, JCM-CTY-008, JCM-CTY-012")
    @RolesAllowed(Caller.OPERATOR)
    public CountrySnapshot terminate(@PathParam("code") String code, @Valid @NotNull Terminate request) {
        return service.terminate(code, request.terminatedOn(), request.reason(), callers.current());
    }

    @POST
    @Path("/{code}/tpes")
    @Operation(operationId = "designateTpe", summary = "Records the Joint Committee's designation of a Third-Party Entity", description = "For sectoral scopes 1 to 15, from a date.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-007, JCM-CTY-008, JCM-CTY-013, JCM-CTY-014, JCM-CTY-015")
    @APIResponse(responseCode = "201", description = "Designated")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public Response designateTpe(@PathParam("code") String code, @Valid @NotNull DesignateTpe request) {
        TpeDesignation designation = service.designateTpe(code, request.tpeId(), request.name(), request.sectoralScopes(), request.designatedOn(),
                callers.current());
        return Response.created(URI.create("/api/countries/" + code + "/tpes/" + designation.tpeId())).entity(designation).build();
    }

    @GET
    @Path("/{code}/tpes")
    @Operation(operationId = "listTpes", summary = "The country's TPE designations", description = "With `scope` and `on`: the TPEs designated for that sectoral scope on that date. Either alone filters by it; neither lists all, withdrawn ones included.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-023")
    @PermitAll
    public List<TpeDesignation> tpes(@PathParam("code") String code, @QueryParam("scope") String scope, @QueryParam("on") String on) {
        return service.tpes(code, scopeParam(scope), dateParam(on));
    }

    @GET
    @Path("/{code}/tpes/{tpeId}")
    @Operation(operationId = "getTpe", summary = "One TPE designation", description = "The designation with its sectoral scopes and its designation and withdrawal dates.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-016")
    @PermitAll
    public TpeDesignation tpe(@PathParam("code") String code, @PathParam("tpeId") String tpeId) {
        return service.tpe(code, tpeId);
    }

    @POST
    @Path("/{code}/tpes/{tpeId}/withdrawal")
    @Operation(operationId = "withdrawTpe", summary = "Records the withdrawal of a TPE designation", description = "Not before it was designated.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-006, JCM-CTY-016, JCM-CTY-017, JCM-CTY-018")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public TpeDesignation withdrawTpe(@PathParam("code") String code, @PathParam("tpeId") String tpeId, @Valid @NotNull WithdrawTpe request) {
        return service.withdrawTpe(code, tpeId, request.withdrawnOn(), callers.current());
    }

    @PUT
    @Path("/{code}/article6")
    @Operation(operationId = "changeArticle6Settings", summary = "Sets the Article 6 authorization settings", description = "Authorized uses (NDC, OIMP) and, when OIMP is authorized, which act counts as first transfer. The same settings again change nothing.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004, JCM-CTY-005, JCM-CTY-019, JCM-CTY-020")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public CountrySnapshot changeArticle6(@PathParam("code") String code, @Valid @NotNull ChangeArticle6 request) {
        return service.changeArticle6Settings(code,
                new Article6Settings(request.ndcUseAuthorized(), request.oimpUseAuthorized(), request.oimpFirstTransfer()), callers.current());
    }

    @GET
    @Path("/{code}/history")
    @Operation(operationId = "countryHistory", summary = "The country's full history", description = "Every event from the event log, oldest first, with who made each change.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-CTY-004")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public List<HistoryEntry> history(@PathParam("code") String code) {
        return service.history(code, callers.current());
    }

    private static Integer scopeParam(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        try {
            int s = Integer.parseInt(scope.trim());
            if (s >= 1 && s <= 15) {
                return s;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RuleViolation(CountryRule.INVALID_QUERY, "scope must be a sectoral scope number from 1 to 15, got '" + scope + "'");
    }

    private static LocalDate dateParam(String on) {
        if (on == null || on.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(on.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleViolation(CountryRule.INVALID_QUERY, "on must be a date as yyyy-mm-dd, got '" + on + "'");
        }
    }
}
