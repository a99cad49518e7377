package org.jcm.registry.projectregistry.country;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;

/** The partner countries as this service knows them from country-onboarding's events (read only). */
@Path("/api/countries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner countries (read model)", description = "Countries as known here from country-onboarding's events; read only")
@PermitAll
public class CountryReadModelResource {

    private final KnownCountries countries;

    public CountryReadModelResource(KnownCountries countries) {
        this.countries = countries;
    }

    @GET
    @Transactional
    @Operation(operationId = "listKnownCountries", summary = "Lists the partner countries known to this service", description = "The read model kept from country-onboarding's events; filter by `state`.")
    public List<CountrySnapshot> list(@QueryParam("state") String state) {
        return countries.list(Params.optionalEnum(CountryState.class, state, "state"));
    }

    @GET
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "getKnownCountry", summary = "One partner country as known to this service", description = "As its latest event described it; events may still be on their way.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REQ-003")
    public CountrySnapshot get(@PathParam("code") String code) {
        return countries.find(code).orElseThrow(() -> new RuleViolation(PlatformRule.NOT_FOUND,
                "no partner country " + code + " is known here (yet): events from country-onboarding may still be on their way"));
    }
}
