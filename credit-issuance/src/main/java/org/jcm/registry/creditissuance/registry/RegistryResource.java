package org.jcm.registry.creditissuance.registry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

@Path("/api/registries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registries", description = "Japan's and each active partner's JCM registry, and their accounts")
public class RegistryResource {

    private final RegistryService service;
    private final Callers callers;

    public RegistryResource(RegistryService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    public record RegistryView(String code, String countryCode, String name, String article6RegistryId, String hosting, String state,
            long lastSerial, Instant openedAt) {

        static RegistryView of(Registry r) {
            return new RegistryView(r.code(), r.countryCode(), r.name(), r.article6RegistryId(), r.hosting().name(), r.state().name(),
                    r.lastSerial(), r.openedAt());
        }
    }

    public record AccountView(UUID id, String number, String registryCode, String type, String holder, String state, Instant openedAt) {

        static AccountView of(Account a) {
            return new AccountView(a.id(), a.number(), a.registryCode(), a.type().name(), a.holder(), a.state().name(), a.openedAt());
        }
    }

    @GET
    @Operation(operationId = "listRegistries", summary = "Lists the registries", description = "Japan's registry and the registry of each partner country that became ACTIVE, with their state and serial counter.")
    @PermitAll
    public List<RegistryView> list() {
        return service.all().stream().map(RegistryView::of).toList();
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
        return service.accountsOf(code, callers.current()).stream().map(AccountView::of).toList();
    }
}
