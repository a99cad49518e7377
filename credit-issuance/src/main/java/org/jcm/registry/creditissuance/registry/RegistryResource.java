package org.jcm.registry.creditissuance.registry;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.account.AccountResource.AccountView;
import org.jcm.registry.creditissuance.account.AccountService;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.report.Table;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

@Path("/api/registries")
@Produces(MediaType.APPLICATION_JSON)
@Idempotent
@Tag(name = "Registries", description = "Japan's and each active partner's JCM registry, and their accounts")
public class RegistryResource {

    private final RegistryService service;
    private final AccountService accounts;
    private final Callers callers;

    public RegistryResource(RegistryService service, AccountService accounts, Callers callers) {
        this.service = service;
        this.accounts = accounts;
        this.callers = callers;
    }

    public record RegistryView(String code, String countryCode, String name, String article6RegistryId, String hosting, String state,
            long lastSerial, Instant openedAt) {

        static RegistryView of(Registry r) {
            return new RegistryView(r.code(), r.countryCode(), r.name(), r.article6RegistryId(), r.hosting().name(), r.state().name(),
                    r.lastSerial(), r.openedAt());
        }
    }

    @Schema(example = "{\"holder\": \"Pacific Consultants Co., Ltd.\", \"holderIdentifier\": \"JP-CN-0100-01-008888\", \"contactEmail\": \"registry@pacific.example\", \"participantId\": \"PP-TH-0001\"}")
    public record OpenAccount(@NotBlank @Size(max = Limits.NAME) String holder, @NotBlank @Size(max = Limits.CODE) String holderIdentifier,
            @NotBlank @Email @Size(max = 254) String contactEmail, @Size(max = 40) String contactPhone,
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String participantId) {}

    @GET
    @Produces({MediaType.APPLICATION_JSON, Table.CSV})
    @Operation(operationId = "listRegistries", summary = "Lists the registries", description = "Japan's registry and the registry of each partner country that became ACTIVE, with their state and serial counter. With `format=csv`, the same columns as CSV: code, countryCode, name, article6RegistryId, hosting, state, lastSerial, openedAt.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REQ-001")
    @APIResponse(responseCode = "200", description = "The registries", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RegistryView.class)),
            @Content(mediaType = Table.CSV, schema = @Schema(type = SchemaType.STRING))})
    @PermitAll
    public Response list(@QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        List<RegistryView> registries = service.all().stream().map(RegistryView::of).toList();
        if ("csv".equals(format)) {
            return new Table(List.of("code", "countryCode", "name", "article6RegistryId", "hosting", "state", "lastSerial", "openedAt"),
                    registries.stream()
                            .map(r -> Table.row(r.code(), r.countryCode(), r.name(), r.article6RegistryId(), r.hosting(), r.state(), r.lastSerial(),
                                    r.openedAt()))
                            .toList())
                    .answer(format, "registries");
        }
        return Response.ok(registries, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getRegistry", summary = "One registry", description = "By registry code (e.g. JP, TH).")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001")
    @PermitAll
    public RegistryView get(@PathParam("code") String code) {
        return RegistryView.of(service.get(code));
    }

    @GET
    @Path("/{code}/accounts")
    @Operation(operationId = "listRegistryAccounts", summary = "The accounts of one registry", description = "The registry's government holding, cancellation and retirement accounts and its entity holding accounts.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public List<AccountView> accounts(@PathParam("code") String code) {
        return service.accountsOf(code, callers.current()).stream().map(a -> AccountView.of(a, null)).toList();
    }

    @POST
    @Path("/{code}/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openAccount", summary = "Opens an entity holding account", description = "For a legal entity (one open account per identifier and registry), numbered `{registry}-200-{NNNNNN}`; a participant of a project may hold one (`participantId`, its tokens' `jcm_participant`).")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-ACC-005, JCM-ACC-006")
    @APIResponse(responseCode = "201", description = "Opened")
    @RolesAllowed(Caller.OPERATOR)
    public Response openAccount(@PathParam("code") String code, @Valid @NotNull OpenAccount request) {
        Account a = accounts.open(code,
                new Account.Holder(request.holder(), request.holderIdentifier(), request.contactEmail(), request.contactPhone(),
                        request.participantId()),
                callers.current());
        return Response.created(URI.create("/api/accounts/" + a.id())).entity(AccountView.of(a, 0L)).build();
    }
}
