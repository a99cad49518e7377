package org.jcm.registry.platform.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The event contract, as the tools of partner-country integrators read it: this service's AsyncAPI document at
 * {@code /asyncapi} and every file it references (the shared partner document, the CloudEvent envelope, the JSON
 * Schemas and golden examples) under {@code /contract/}, so that relative references resolve over HTTP too.
 */
@Path("/")
@Tag(name = "Contract", description = "The AsyncAPI document of this service's events and the JSON Schemas it references")
@PermitAll
public class ContractResource {

    private final String service;

    public ContractResource(PlatformConfig config) {
        this.service = config.serviceName();
    }

    @GET
    @Path("asyncapi")
    @Operation(operationId = "asyncApi", summary = "This service's AsyncAPI document", description = "Redirects to `/contract/{service}/asyncapi.yaml`, whose relative references resolve under `/contract/`.")
    public Response asyncApi() {
        return Response.seeOther(URI.create("/contract/" + service + "/asyncapi.yaml")).build();
    }

    @GET
    @Path("contract/{file: .+}")
    @Operation(operationId = "contractFile", summary = "A file of the event contract", description = "An AsyncAPI document (`.yaml`), a JSON Schema or a golden example (`.json`), by its path in the contract.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-REQ-003")
    public Response file(@PathParam("file") String file) throws IOException {
        if (!file.matches("[a-zA-Z0-9._-]+(/[a-zA-Z0-9._-]+)*") || file.contains("..") || !(file.endsWith(".yaml") || file.endsWith(".json"))) {
            throw notFound(file);
        }
        InputStream in = ContractResource.class.getClassLoader().getResourceAsStream("contract/" + file);
        if (in == null) {
            throw notFound(file);
        }
        try (in) {
            return Response.ok(in.readAllBytes(), file.endsWith(".yaml") ? "application/yaml" : "application/json").build();
        }
    }

    private static RuleViolation notFound(String file) {
        return new RuleViolation(PlatformRule.NOT_FOUND, "the contract has no file " + (file.length() > 100 ? file.substring(0, 100) + "..." : file));
    }
}
