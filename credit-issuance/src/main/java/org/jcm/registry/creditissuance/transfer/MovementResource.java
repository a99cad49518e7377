package org.jcm.registry.creditissuance.transfer;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.ledger.Ledger;
import org.jcm.registry.creditissuance.ledger.LedgerTransaction;
import org.jcm.registry.creditissuance.ledger.LedgerViews.TransactionView;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** Transfers, retirements and cancellations: each answers 201 with the completed transaction and the blocks it moved. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Transactions")
@Idempotent
public class MovementResource {

    static final String CHECKS = "JCM-LED-101, JCM-LED-102, JCM-LED-103, JCM-LED-104, JCM-LED-301, JCM-LED-302, JCM-LED-303, JCM-LED-304";

    @Schema(example = "{\"fromAccount\": \"TH-200-000001\", \"toAccount\": \"TH-100-1\", \"quantity\": 10, \"decision\": \"Sale agreement 2025-04\"}")
    public record Transfer(@NotBlank @Size(max = Limits.CODE) String fromAccount, @NotBlank @Size(max = Limits.CODE) String toAccount,
            @Min(1) @Max(Limits.MAX_TONNES) Long quantity, @Size(max = Limits.ITEMS) List<Units.@NotNull @Valid Range> ranges,
            @Size(max = Limits.REFERENCE) String decision) {}

    @Schema(example = "{\"fromAccount\": \"TH-200-000001\", \"quantity\": 5, \"purpose\": \"VOLUNTARY\", \"beneficiary\": \"Pacific Consultants Co., Ltd.\", \"yearOfUse\": 2025}")
    public record Retirement(@NotBlank @Size(max = Limits.CODE) String fromAccount, @Min(1) @Max(Limits.MAX_TONNES) Long quantity,
            @Size(max = Limits.ITEMS) List<Units.@NotNull @Valid Range> ranges, @NotNull @Pattern(regexp = "NDC|OIMP|VOLUNTARY") String purpose,
            @NotBlank @Size(max = Limits.NAME) String beneficiary, @Min(1990) @Max(2199) int yearOfUse) {}

    @Schema(example = "{\"fromAccount\": \"TH-200-000001\", \"quantity\": 1, \"reason\": \"Voluntary cancellation for the overall mitigation in global emissions\"}")
    public record Cancellation(@NotBlank @Size(max = Limits.CODE) String fromAccount, @Min(1) @Max(Limits.MAX_TONNES) Long quantity,
            @Size(max = Limits.ITEMS) List<Units.@NotNull @Valid Range> ranges, @NotBlank @Size(max = Limits.TEXT) String reason) {}

    private final MovementService service;
    private final Callers callers;

    public MovementResource(MovementService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @Path("/transfers")
    @Operation(operationId = "transferCredits", summary = "Transfers credits between two OPEN accounts of one registry", description = "Name a `quantity` (the registry takes the oldest vintage first, then the lowest serials; a split block moves its lower serials and keeps the upper) or explicit serial `ranges`. The sending account's registry operator or partner system, or the participant holding it. A refusal lists every failed check.")
    @Extension(name = ProblemResponses.EXTENSION, value = CHECKS + ", JCM-LED-201, JCM-LED-202, JCM-LED-203, JCM-LED-204, JCM-LED-205")
    @APIResponse(responseCode = "201", description = "Completed")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT})
    public Response transfer(@Valid @NotNull Transfer request) {
        return created(
                service.transfer(request.fromAccount(), request.toAccount(), Units.selection(request.quantity(), request.ranges()),
                        request.decision(), callers.current()));
    }

    @POST
    @Path("/retirements")
    @Operation(operationId = "retireCredits", summary = "Retires credits for a use", description = "Moves them to the registry's retirement account for good, with the purpose (NDC, OIMP such as CORSIA, VOLUNTARY), the beneficiary or using entity and the year of use (not before the credits' vintage).")
    @Extension(name = ProblemResponses.EXTENSION, value = CHECKS + ", JCM-LED-401")
    @APIResponse(responseCode = "201", description = "Completed")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT})
    public Response retire(@Valid @NotNull Retirement request) {
        return created(service.retire(request.fromAccount(), Units.selection(request.quantity(), request.ranges()),
                new LedgerTransaction.Retirement(request.purpose(), request.beneficiary(), request.yearOfUse()), callers.current()));
    }

    @POST
    @Path("/cancellations")
    @Operation(operationId = "cancelCredits", summary = "Cancels credits", description = "Moves them to the registry's cancellation account for good, with a reason.")
    @Extension(name = ProblemResponses.EXTENSION, value = CHECKS)
    @APIResponse(responseCode = "201", description = "Completed")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT})
    public Response cancel(@Valid @NotNull Cancellation request) {
        return created(service.cancel(request.fromAccount(), Units.selection(request.quantity(), request.ranges()), request.reason(),
                callers.current()));
    }

    private static Response created(Ledger.Completed done) {
        return Response.created(URI.create("/api/transactions/" + done.transaction().id())).entity(TransactionView.of(done)).build();
    }
}
