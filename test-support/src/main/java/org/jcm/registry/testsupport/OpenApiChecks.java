package org.jcm.registry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * What the OpenAPI document of a service must say of every operation: an operationId, a summary and a description, and
 * its refusals (every 4xx and 5xx it may answer) as {@code application/problem+json} with the {@code Problem} schema and
 * an example per rule code, always including 400 and 500.
 */
public final class OpenApiChecks {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenApiChecks() {}

    /**
     * Every GET of the document whose path parameters {@code pathValues} can fill, called for real: each 200 reply that
     * does not match the schema the document gives for it, with what is wrong.
     */
    public static List<String> replyShortcomings(String base, Map<String, String> pathValues) {
        JsonNode doc = document(base);
        List<String> out = new ArrayList<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            JsonNode schema = get.path("responses").path("200").path("content").path("application/json").path("schema");
            if (get.isMissingNode() || schema.isMissingNode()) {
                continue;
            }
            String url = path.getKey();
            for (Map.Entry<String, String> v : pathValues.entrySet()) {
                url = url.replace("{" + v.getKey() + "}", v.getValue());
            }
            if (url.contains("{")) {
                continue;
            }
            ObjectNode root = MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", doc.path("components"));
            root.putObject("$defs").set("reply", schema);
            root.put("$ref", "#/$defs/reply");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + url))
                        .header("Authorization", "Bearer " + Api.tokens().auditor()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    continue;
                }
                Set<ValidationMessage> errors = factory.getSchema(root).validate(MAPPER.readTree(r.body()));
                errors.forEach(e -> out.add("GET " + path.getKey() + ": " + e.getMessage()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Every way the document falls short, one line each. */
    public static List<String> shortcomings(String base) {
        JsonNode doc = document(base);
        List<String> out = new ArrayList<>();
        if (!doc.path("components").path("schemas").has("Problem")) {
            out.add("no Problem schema in components");
        }
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    return;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                for (String field : List.of("operationId", "summary", "description")) {
                    if (o.path(field).asText("").isBlank()) {
                        out.add(where + ": no " + field);
                    }
                }
                for (String status : List.of("400", "500")) {
                    if (!o.path("responses").has(status)) {
                        out.add(where + ": no " + status + " response");
                    }
                }
                o.path("responses").fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        JsonNode media = r.getValue().path("content").path("application/problem+json");
                        if (!media.path("schema").path("$ref").asText().endsWith("/Problem")) {
                            out.add(where + " " + r.getKey() + ": not a Problem");
                        }
                        if (media.path("examples").isEmpty()) {
                            out.add(where + " " + r.getKey() + ": no example");
                        }
                    }
                });
            });
        }
        return out;
    }

    /** The service's live OpenAPI document; also written to {@code target/openapi.json} for the contract linters the CI runs. */
    static JsonNode document(String base) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/q/openapi?format=json")).build(),
                            HttpResponse.BodyHandlers.ofString());
            Files.writeString(Path.of("target", "openapi.json"), r.body());
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
