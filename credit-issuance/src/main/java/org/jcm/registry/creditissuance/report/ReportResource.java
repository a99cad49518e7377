package org.jcm.registry.creditissuance.report;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.article6.AefTables;
import org.jcm.registry.creditissuance.ledger.LedgerQueries;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.report.Table;

/** Public reports, for anyone: JSON (an array of rows) or CSV (`format=csv`) with the same columns. */
@Path("/api/reports")
@Tag(name = "Reports", description = "Public reports of each registry: holdings by account type, annual transaction summary, issuance totals, issuances and retirements block by block, the public lineage of a serial, Article 6 AEF tables")
public class ReportResource {

    private static final String CSV = Table.CSV;

    private final ReportQueries reports;
    private final RegistryRepository registries;
    private final Clock clock;
    private final AefTables aef;
    private final LedgerQueries ledger;

    public ReportResource(ReportQueries reports, RegistryRepository registries, Clock clock, AefTables aef, LedgerQueries ledger) {
        this.reports = reports;
        this.ledger = ledger;
        this.registries = registries;
        this.clock = clock;
        this.aef = aef;
    }

    @GET
    @Path("/holdings")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportHoldings", summary = "Holdings by account type", description = "Per account type of a registry at `asOf` (now if absent): columns registry, asOf, accountType, accounts, quantity.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The report")
    @PermitAll
    public Response holdings(@QueryParam("registry") @NotNull @Size(max = 8) String registry, @QueryParam("asOf") String asOf,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        Instant at = Params.optionalInstant(asOf, "asOf");
        return reports.holdings(registry, at == null ? clock.instant() : at).answer(format, "holdings-" + registry);
    }

    @GET
    @Path("/transactions")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportAnnualTransactions", summary = "Annual transaction summary", description = "Per transaction type of a registry in a calendar year (UTC), or since the registry opened if `year` is absent (the year column is then empty): columns registry, year, transactionType, transactions, quantity.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The report")
    @PermitAll
    public Response annual(@QueryParam("registry") @NotNull @Size(max = 8) String registry,
            @QueryParam("year") @Min(2013) @Max(2199) Integer year,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        return reports.annualSummary(registry, year).answer(format, "transactions-" + registry + (year == null ? "" : "-" + year));
    }

    @GET
    @Path("/issuances")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportIssuances", summary = "The credits issued, block by block", description = "One row per allocation line of each issuance into the registry (or into every registry, without `registry`), in the order issued, with the serial block it issued in display form; all, or those issued in a calendar year (UTC) and/or of one project: columns registry, issuance, project, hostCountry, monitoringPeriodStart, monitoringPeriodEnd, decisionReference, decidedOn, issuedAt, vintage, accountType, quantity, firstSerial, lastSerial, block.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The report")
    @PermitAll
    public Response issuances(@QueryParam("registry") @Size(max = 8) String registry, @QueryParam("year") @Min(2013) @Max(2199) Integer year,
            @QueryParam("project") @Size(max = 32) String project, @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        if (registry != null) {
            registries.get(registry);
        }
        return reports.issuances(registry, year, project).answer(format,
                "issuances" + (registry == null ? "" : "-" + registry) + (year == null ? "" : "-" + year)
                        + (project == null ? "" : "-" + project.replaceAll("[^A-Za-z0-9_-]", "")));
    }

    @GET
    @Path("/retirements")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportRetirements", summary = "The credits retired in a registry, block by block", description = "One row per block retired, in the order retired, with the retirement's purpose (NDC, OIMP, VOLUNTARY), beneficiary and year of use; all, or those of a calendar year (UTC): columns registry, transaction, retiredAt, purpose, beneficiary, yearOfUse, project, vintage, quantity, firstSerial, lastSerial, block.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The report")
    @PermitAll
    public Response retirements(@QueryParam("registry") @NotNull @Size(max = 8) String registry,
            @QueryParam("year") @Min(2013) @Max(2199) Integer year,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        return reports.retirements(registry, year).answer(format, "retirements-" + registry + (year == null ? "" : "-" + year));
    }

    @GET
    @Path("/serial-lineage")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportSerialLineage", summary = "The lineage of a serial, as the public sees it", description = "Every block that ever held `serial` of `registry`, in order (ISSUED, SPLIT, TRANSFERRED, RESERVED, RELEASED, RECEIVED, RETIRED, CANCELLED), with its transaction and the type of the account it was in, not who acted nor which account (that is `GET /api/blocks`, for operators and auditors): columns registry, serial, step, at, transaction, transactionType, accountType, project, vintage, quantity, firstSerial, lastSerial, block.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-LED-502, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The report")
    @PermitAll
    public Response serialLineage(@QueryParam("registry") @NotNull @Size(max = 8) String registry,
            @QueryParam("serial") @NotNull @Min(1) @Max(Long.MAX_VALUE - 1) Long serial,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        return reports.serialLineage(ledger.lineage(registry, serial)).answer(format, "serial-" + registry + "-" + serial);
    }

    @GET
    @Path("/issuance")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportIssuanceTotals", summary = "Issuance totals per project and vintage", description = "In every registry, or one (`registry`): columns registry, hostCountry, project, vintage, issuances, quantity.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The report")
    @PermitAll
    public Response issuance(@QueryParam("registry") @Size(max = 8) String registry,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        if (registry != null) {
            registries.get(registry);
        }
        return reports.issuanceTotals(registry).answer(format, "issuance" + (registry == null ? "" : "-" + registry));
    }

    @GET
    @Path("/article6/{table}")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportArticle6", summary = "The Party's AEF tables: authorizations, actions, holdings", description = "The agreed electronic format tables of decision 4/CMA.6 for a registry's Party and a calendar year (UTC), ITMOs only, one row per serial range with its first and last ITMO identifier. `authorizations`: columns registry, year, authorization, authorizedOn, uses, firstTransferDefinition, source, firstItmo, lastItmo, quantity, vintage. `actions` (FIRST_TRANSFER, TRANSFER, ACQUISITION, USE, CANCELLATION): registry, year, action, date, transaction, detail, transferringParty, acquiringParty, purpose, firstTransferDefinition, project, firstItmo, lastItmo, quantity, vintage. `holdings`, the true position at the end of the year: registry, year, asOf, accountType, state (AUTHORIZED, FIRST_TRANSFERRED, ACQUIRED, USED, CANCELLED), firstTransferred, adjustmentApplied, authorization, uses, firstTransferDefinition, project, firstItmo, lastItmo, quantity, vintage. `asOf` (optional) reproduces a table as it stood at an earlier instant; actions and holdings describe the year's end (or `asOf`, if earlier) and never change once it has passed; authorizations are those dated in the year, as recorded by `asOf` (default now).")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @Extension(name = ProblemResponses.TABLE, value = "The table")
    @PermitAll
    public Response article6(@PathParam("table") @Pattern(regexp = "authorizations|actions|holdings") String table,
            @QueryParam("registry") @NotNull @Size(max = 8) String registry, @QueryParam("year") @NotNull @Min(2021) @Max(2199) Integer year,
            @QueryParam("asOf") String asOf, @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        Instant at = Params.optionalInstant(asOf, "asOf");
        Table rows = switch (table) {
            case "authorizations" -> aef.authorizations(registry, year, at);
            case "actions" -> aef.actions(registry, year, at);
            default -> aef.holdings(registry, year, at);
        };
        return rows.answer(format, "aef-" + table + "-" + registry + "-" + year);
    }
}
