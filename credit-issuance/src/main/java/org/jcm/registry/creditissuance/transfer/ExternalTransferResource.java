package org.jcm.registry.creditissuance.transfer;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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
import org.jcm.registry.creditissuance.transfer.ExternalTransferService.TransferView;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** External transfers between registries: proposal (reservation), the receiving side's answer, cancellation, timeout. */
@Path("/api/external-transfers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Transactions")
@Idempotent
public class ExternalTransferResource {

    @Schema(example = "{\"fromAccount\": \"TH-200-000001\", \"toRegistry\": \"JP\", \"toAccount\": \"JP-100-1\", \"quantity\": 150, \"decision\": \"Joint Committee decision TH-JP 2025-02\"}")
    public record Proposal(@NotBlank @Size(max = Limits.CODE) String fromAccount, @NotBlank @Size(max = 8) String toRegistry,
            @NotBlank @Size(max = Limits.CODE) String toAccount, @Min(1) @Max(Limits.MAX_TONNES) Long quantity,
            @Size(max = Limits.ITEMS) List<Units.@NotNull @Valid Range> ranges, @Size(max = Limits.REFERENCE) String decision) {}

    @Schema(example = "{\"reason\": \"The acquiring entity withdrew from the purchase agreement\"}")
    public record Cancellation(@NotBlank @Size(max = Limits.TEXT) String reason) {}

    private final ExternalTransferService service;
    private final Callers callers;

    public ExternalTransferResource(ExternalTransferService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @Operation(operationId = "proposeExternalTransfer", summary = "Transfers credits to an account of another registry", description = "The sending registry reserves the credits (a `quantity`, oldest vintage first, or serial `ranges`); they must be authorized ITMOs (JCM-A6-005). If the receiving registry is kept here, its checks run at once and the transfer completes (state COMPLETED) or is refused; if it is external, the proposal goes out on its partner's outbound topic and the transfer stays PROPOSED, its blocks reserved, until the answer, the timeout or a cancellation. The sending account's registry operator or partner system, or the participant holding it.")
    @Extension(name = ProblemResponses.EXTENSION, value = MovementResource.CHECKS
            + ", JCM-LED-201, JCM-LED-202, JCM-LED-203, JCM-LED-205, JCM-EXT-002, JCM-EXT-003, JCM-A6-005")
    @APIResponse(responseCode = "201", description = "Proposed (and, to a registry kept here, completed)")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT})
    public Response propose(@Valid @NotNull Proposal request) {
        TransferView view = service.propose(request.fromAccount(), request.toRegistry(), request.toAccount(),
                Units.selection(request.quantity(), request.ranges()), request.decision(), callers.current());
        return Response.created(URI.create("/api/external-transfers/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getExternalTransfer", summary = "One external transfer with its steps", description = "Its state (PROPOSED, COMPLETED, REJECTED, EXPIRED, CANCELLED) and the ledger transactions of its steps. The operator or partner system of the registry kept here, or an auditor.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-EXT-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public TransferView get(@PathParam("id") String id) {
        return service.get(id(id), callers.current());
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(operationId = "cancelExternalTransfer", summary = "Withdraws a proposal still waiting for the external registry's answer", description = "Its blocks are free again, the external registry is told (ExternalTransferWithdrawn), and a later answer changes nothing. The sending registry's operator.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-EXT-001, JCM-EXT-004, JCM-EXT-006")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @RolesAllowed(Caller.OPERATOR)
    public TransferView cancel(@PathParam("id") String id, @Valid @NotNull Cancellation request) {
        return service.cancel(id(id), request.reason(), callers.current());
    }

    private static UUID id(String id) {
        return Params.uuid(id, ExternalTransferRule.NO_SUCH_TRANSFER, "external transfer");
    }
}
