package org.jcm.registry.creditissuance.ledger;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.account.AccountRepository;
import org.jcm.registry.creditissuance.account.AccountRule;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Conservation;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Lineage;
import org.jcm.registry.creditissuance.ledger.LedgerViews.TransactionPage;
import org.jcm.registry.creditissuance.ledger.LedgerViews.TransactionView;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** The ledger as auditors read it: the transaction log, the lineage of a serial, conservation. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Transactions", description = "Transfers, retirements and cancellations; the transaction log, the lineage of a serial and conservation")
public class LedgerResource {

    private final LedgerQueries queries;
    private final RegistryRepository registries;
    private final AccountRepository accounts;
    private final Callers callers;

    public LedgerResource(LedgerQueries queries, RegistryRepository registries, AccountRepository accounts, Callers callers) {
        this.queries = queries;
        this.registries = registries;
        this.accounts = accounts;
        this.callers = callers;
    }

    @GET
    @Path("/transactions")
    @Operation(operationId = "listTransactions", summary = "The transaction log of a registry", description = "Oldest first, in keyset pages: `after` is the `next` of the previous page (0 for the first). `account` (id) keeps the transactions it sent or received.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-ACC-001")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public TransactionPage transactions(@QueryParam("registry") @NotNull @Size(max = 8) String registry, @QueryParam("account") String account,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        readRegistry(registry);
        UUID accountId = null;
        if (account != null) {
            Account a = accounts.get(Params.uuid(account, AccountRule.NO_SUCH_ACCOUNT, "account"));
            accountId = a.id();
        }
        return queries.page(registry, accountId, after, limit);
    }

    @GET
    @Path("/transactions/{id}")
    @Operation(operationId = "getTransaction", summary = "One transaction with the blocks it closed and opened", description = "Its registry's operator or partner system, or an auditor.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-LED-501")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public TransactionView transaction(@PathParam("id") String id) {
        TransactionView view = queries.transaction(Params.uuid(id, LedgerRule.NO_SUCH_TRANSACTION, "transaction"));
        readRegistry(view.registry());
        return view;
    }

    @GET
    @Path("/blocks")
    @Operation(operationId = "serialLineage", summary = "The lineage of a serial", description = "Every block that ever held `serial` of `registry`, in order: issued, split, transferred, retired or cancelled, each with its transaction, time and actor.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-LED-502")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER, Caller.AUDITOR})
    public Lineage lineage(@QueryParam("registry") @NotNull @Size(max = 8) String registry,
            @QueryParam("serial") @NotNull @Min(1) @Max(Long.MAX_VALUE - 1) Long serial) {
        readRegistry(registry);
        return queries.lineage(registry, serial);
    }

    @GET
    @Path("/ledger/conservation")
    @Operation(operationId = "checkConservation", summary = "Checks conservation per registry and per project", description = "issued = held + retired + cancelled, per registry and per project, and no two current blocks of a registry overlap. Without `registry`: every registry (an auditor or an operator bound to no country).")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001")
    @RolesAllowed({Caller.OPERATOR, Caller.AUDITOR})
    public Conservation conservation(@QueryParam("registry") @Size(max = 8) String registry) {
        if (registry == null) {
            callers.current().readGlobally("the conservation of every registry");
        } else {
            readRegistry(registry);
        }
        return queries.conservation(registry);
    }

    private void readRegistry(String code) {
        callers.current().readCountry(registries.get(code).countryCode());
    }
}
