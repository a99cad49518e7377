package org.jcm.registry.creditissuance.article6;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.article6.Article6Service.AdjustmentView;
import org.jcm.registry.creditissuance.article6.Article6Service.AuthorizationView;
import org.jcm.registry.creditissuance.ledger.Selection;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.creditissuance.transfer.Units;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** The host Party's Article 6 acts on its registry: authorizations of ITMOs and corresponding adjustments. */
@Path("/api/registries/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Article 6", description = "Authorizations, first transfers and corresponding adjustments of ITMOs")
@Idempotent
public class Article6Resource {

    @Schema(example = "{\"reference\": \"TH-A6-2023-014\", \"authorizedOn\": \"2023-03-14\", \"uses\": [\"NDC\"], \"projectReference\": \"TH001\", \"vintages\": [2022], \"quantity\": 300}")
    public record AuthorizationRequest(@NotBlank @Size(max = Limits.REFERENCE) String reference, @NotNull LocalDate authorizedOn,
            @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = "NDC|OIMP") String> uses,
            @Pattern(regexp = "INTERNATIONAL_TRANSFER|AUTHORIZATION|ISSUANCE|USE_OR_CANCELLATION") String firstTransfer,
            @Size(max = Limits.ITEMS) List<Units.@NotNull @Valid Range> ranges, @Size(max = Limits.CODE) String projectReference,
            @Size(max = 20) List<@NotNull @Min(1990) @Max(2199) Integer> vintages, @Min(1) @Max(Limits.MAX_TONNES) Long quantity) {}

    @Schema(example = "{\"reference\": \"TH-CA-2025-01\", \"year\": 2025, \"ranges\": [{\"start\": 1, \"end\": 150}]}")
    public record AdjustmentRequest(@NotBlank @Size(max = Limits.REFERENCE) String reference, @Min(2021) @Max(2199) int year,
            @NotEmpty @Size(max = Limits.ITEMS) List<Units.@NotNull @Valid Range> ranges) {}

    private final Article6Service service;
    private final Callers callers;

    public Article6Resource(Article6Service service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @Path("/authorizations")
    @Operation(operationId = "authorizeUnits", summary = "Records the host Party's authorization of units as ITMOs", description = "Units of the registry's own serials held in its holding accounts, free and not authorized before: named `ranges`, or a `projectReference` with its `vintages` up to a `quantity` (oldest vintage, then lowest serial, first). `uses`: NDC and/or OIMP, within the country's Article 6 settings. `firstTransfer`: the act that counts as the units' first transfer (default: the country's setting for OIMP, the first international transfer for NDC only); AUTHORIZATION or ISSUANCE records it now. The authorized serials become whole blocks. The registry's operator or partner system.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-LED-104, JCM-LED-303, JCM-A6-001, JCM-A6-002, JCM-A6-003, JCM-A6-004, JCM-A6-009, JCM-A6-010")
    @APIResponse(responseCode = "201", description = "Recorded")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public Response authorize(@PathParam("code") @Size(max = 8) String code, @Valid @NotNull AuthorizationRequest request) {
        Selection selection = request.ranges() != null && !request.ranges().isEmpty()
                ? Units.selection(null, request.ranges())
                : request.quantity() == null ? null : new Selection.Quantity(request.quantity());
        AuthorizationView view = service.authorize(code, new Article6Service.Authorization(request.reference(), request.authorizedOn(),
                new TreeSet<>(request.uses()), request.firstTransfer(), selection, request.projectReference(), request.vintages()),
                callers.current());
        return Response.created(URI.create("/api/registries/" + code + "/authorizations")).entity(view).build();
    }

    @GET
    @Path("/authorizations")
    @Operation(operationId = "listAuthorizations", summary = "The registry's Article 6 authorizations", description = "Every authorization recorded for units of the registry's serials, oldest first, with its ITMO ranges, those first-transferred, and who recorded it. The registry's operator or partner system, or an auditor; the public AEF authorizations table has the same ranges without the actors.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public List<AuthorizationView> authorizations(@PathParam("code") @Size(max = 8) String code) {
        return service.authorizations(code, callers.current());
    }

    @POST
    @Path("/corresponding-adjustments")
    @Operation(operationId = "recordCorrespondingAdjustment", summary = "Records the corresponding adjustment for first-transferred units", description = "Serial `ranges` of the registry, all first-transferred, adjusted once. The registry's operator or partner system.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-A6-007, JCM-A6-008, JCM-A6-010, JCM-LED-303")
    @APIResponse(responseCode = "201", description = "Recorded")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    public Response adjust(@PathParam("code") @Size(max = 8) String code, @Valid @NotNull AdjustmentRequest request) {
        List<SerialRange> ranges = ((Selection.Ranges) Units.selection(null, request.ranges())).ranges();
        AdjustmentView view = service.adjust(code, request.reference(), request.year(), ranges, callers.current());
        return Response.created(URI.create("/api/registries/" + code + "/authorizations")).entity(view).build();
    }
}
