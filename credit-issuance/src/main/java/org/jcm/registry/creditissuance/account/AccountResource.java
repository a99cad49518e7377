package org.jcm.registry.creditissuance.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Holdings;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Accounts, their states and their holdings as of any instant")
@Idempotent
public class AccountResource {

    private final AccountService service;
    private final Callers callers;

    public AccountResource(AccountService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    /** An account with what it holds now. */
    public record AccountView(UUID id, String number, String registryCode, String type, String holder, String holderIdentifier, String contactEmail,
            String contactPhone, String participantId, String state, Instant stateChangedAt, String stateReason, Instant openedAt, Long balance) {

        public static AccountView of(Account a, Long balance) {
            return new AccountView(a.id(), a.number(), a.registryCode(), a.type().name(), a.holder(), a.holderIdentifier(), a.contactEmail(),
                    a.contactPhone(), a.participantId(), a.state().name(), a.stateChangedAt(), a.stateReason(), a.openedAt(), balance);
        }
    }

    @Schema(example = "{\"reason\": \"Court order 2025-117 freezes the holder's assets\"}")
    public record Reason(@NotBlank @Size(max = Limits.TEXT) String reason) {}

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAccount", summary = "One account with its balance", description = "Its registry's operator or partner system, the participant holding it, or an auditor.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ACC-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT, Caller.AUDITOR})
    public AccountView get(@PathParam("id") String id) {
        Account a = service.get(id(id), callers.current());
        return AccountView.of(a, service.balance(a.id()));
    }

    @GET
    @Path("/{id}/holdings")
    @Operation(operationId = "getHoldings", summary = "What an account holds, now or as of a past instant", description = "`asOf`: an ISO-8601 instant or a date (its start, UTC). The blocks held at that instant and their total, read from the append-only block history.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ACC-001, JCM-REQ-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.PARTICIPANT, Caller.AUDITOR})
    public Holdings holdings(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        return service.holdings(id(id), Params.optionalInstant(asOf, "asOf"), callers.current());
    }

    @POST
    @Path("/{id}/block")
    @Operation(operationId = "blockAccount", summary = "Blocks an entity holding account", description = "It neither sends nor receives until unblocked.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ACC-001, JCM-ACC-003, JCM-ACC-004")
    @RolesAllowed(Caller.OPERATOR)
    public AccountView block(@PathParam("id") String id, @Valid @NotNull Reason request) {
        return AccountView.of(service.block(id(id), request.reason(), callers.current()), null);
    }

    @POST
    @Path("/{id}/unblock")
    @Operation(operationId = "unblockAccount", summary = "Unblocks a blocked entity holding account", description = "It sends and receives again; the reason is kept in its history.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ACC-001, JCM-ACC-003, JCM-ACC-004")
    @RolesAllowed(Caller.OPERATOR)
    public AccountView unblock(@PathParam("id") String id, @Valid @NotNull Reason request) {
        return AccountView.of(service.unblock(id(id), request.reason(), callers.current()), null);
    }

    @POST
    @Path("/{id}/close")
    @Operation(operationId = "closeAccount", summary = "Closes an empty entity holding account for good", description = "An account that holds credits cannot be closed (JCM-ACC-002); a closed account never reopens.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-ACC-001, JCM-ACC-002, JCM-ACC-003, JCM-ACC-004")
    @RolesAllowed(Caller.OPERATOR)
    public AccountView close(@PathParam("id") String id, @Valid @NotNull Reason request) {
        return AccountView.of(service.close(id(id), request.reason(), callers.current()), 0L);
    }

    private static java.util.UUID id(String id) {
        return Params.uuid(id, AccountRule.NO_SUCH_ACCOUNT, "account");
    }
}
