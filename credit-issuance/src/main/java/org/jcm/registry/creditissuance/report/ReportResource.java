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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;

/** Public reports, for anyone: JSON (an array of rows) or CSV (`format=csv`) with the same columns. */
@Path("/api/reports")
@Tag(name = "Reports", description = "Public reports of each registry: holdings by account type, annual transaction summary, issuance totals")
public class ReportResource {

    private static final String CSV = "text/csv";

    private final ReportQueries reports;
    private final RegistryRepository registries;
    private final Clock clock;

    public ReportResource(ReportQueries reports, RegistryRepository registries, Clock clock) {
        this.reports = reports;
        this.registries = registries;
        this.clock = clock;
    }

    /** One row of a report; its columns depend on the report (see its description). */
    @Schema(name = "ReportRow", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, additionalProperties = Schema.True.class)
    public interface Row {}

    @GET
    @Path("/holdings")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportHoldings", summary = "Holdings by account type", description = "Per account type of a registry at `asOf` (now if absent): columns registry, asOf, accountType, accounts, quantity.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Row.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @PermitAll
    public Response holdings(@QueryParam("registry") @NotNull @Size(max = 8) String registry, @QueryParam("asOf") String asOf,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        Instant at = Params.optionalInstant(asOf, "asOf");
        return answer(reports.holdings(registry, at == null ? clock.instant() : at), format, "holdings-" + registry);
    }

    @GET
    @Path("/transactions")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportAnnualTransactions", summary = "Annual transaction summary", description = "Per transaction type of a registry in a calendar year (UTC): columns registry, year, transactionType, transactions, quantity.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Row.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @PermitAll
    public Response annual(@QueryParam("registry") @NotNull @Size(max = 8) String registry,
            @QueryParam("year") @NotNull @Min(2013) @Max(2199) Integer year,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        registries.get(registry);
        return answer(reports.annualSummary(registry, year), format, "transactions-" + registry + "-" + year);
    }

    @GET
    @Path("/issuance")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "reportIssuanceTotals", summary = "Issuance totals per project and vintage", description = "In every registry, or one (`registry`): columns registry, hostCountry, project, vintage, issuances, quantity.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REG-001, JCM-REQ-001")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Row.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @PermitAll
    public Response issuance(@QueryParam("registry") @Size(max = 8) String registry,
            @QueryParam("format") @Pattern(regexp = "json|csv") String format) {
        if (registry != null) {
            registries.get(registry);
        }
        return answer(reports.issuanceTotals(registry), format, "issuance" + (registry == null ? "" : "-" + registry));
    }

    private static Response answer(Table table, String format, String name) {
        if ("csv".equals(format)) {
            return Response.ok(table.csv(), CSV + "; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                    .build();
        }
        return Response.ok(table.objects(), MediaType.APPLICATION_JSON).build();
    }
}
