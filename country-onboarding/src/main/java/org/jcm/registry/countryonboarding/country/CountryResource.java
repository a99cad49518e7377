package org.jcm.registry.countryonboarding.country;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.problem.Params;

@Path("/api/countries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner countries", description = "Onboarding of JCM partner countries through their lifecycle")
public class CountryResource {

    /** Until JWT security lands, changes are recorded as made by the registry operator role. */
    static final String OPERATOR = "operator";

    private final CountryService service;

    public CountryResource(CountryService service) {
        this.service = service;
    }

    public record ProposeCountry(@NotBlank @Size(min = 2, max = 2) String code, @Size(min = 3, max = 3) String alpha3,
            @NotBlank @Size(max = 200) String name) {}

    public record SignBilateralDocument(@NotNull LocalDate signedOn) {}

    public record EstablishJointCommittee(@NotNull LocalDate establishedOn) {}

    public record Activate(@NotNull LocalDate activatedOn, @NotBlank String registryCode, @NotBlank String article6RegistryId,
            Hosting hosting, @Size(max = 200) String partnerSystemClientId) {}

    @POST
    @Operation(summary = "Proposes a partner country", description = "ISO 3166-1 alpha-2 code; alpha-3 is derived or checked.")
    @APIResponse(responseCode = "201", description = "Proposed")
    public Response propose(@Valid @NotNull ProposeCountry request) {
        CountrySnapshot country = service.propose(request.code(), request.alpha3(), request.name(), OPERATOR);
        return Response.created(URI.create("/api/countries/" + country.code())).entity(country).build();
    }

    @GET
    @Operation(summary = "Lists partner countries", description = "Optionally only those in one state.")
    public List<CountrySnapshot> list(@QueryParam("state") String state) {
        return service.list(Params.optionalEnum(CountryState.class, state, "state"));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One partner country")
    public CountrySnapshot get(@PathParam("code") String code) {
        return service.get(code);
    }

    @POST
    @Path("/{code}/bilateral-document")
    @Operation(summary = "Records the signing of the bilateral document")
    public CountrySnapshot signBilateralDocument(@PathParam("code") String code, @Valid @NotNull SignBilateralDocument request) {
        return service.signBilateralDocument(code, request.signedOn(), OPERATOR);
    }

    @POST
    @Path("/{code}/joint-committee")
    @Operation(summary = "Records the establishment of the Joint Committee")
    public CountrySnapshot establishJointCommittee(@PathParam("code") String code, @Valid @NotNull EstablishJointCommittee request) {
        return service.establishJointCommittee(code, request.establishedOn(), OPERATOR);
    }

    @POST
    @Path("/{code}/activation")
    @Operation(summary = "Activates the country", description = "Its registry is set up: hosted on this system or an external registry reached through events.")
    public CountrySnapshot activate(@PathParam("code") String code, @Valid @NotNull Activate request) {
        return service.activate(code, request.activatedOn(),
                new RegistryIdentity(request.registryCode(), request.article6RegistryId(), request.hosting()), request.partnerSystemClientId(), OPERATOR);
    }
}
