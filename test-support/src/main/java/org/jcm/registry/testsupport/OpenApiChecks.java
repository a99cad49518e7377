package org.jcm.registry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the OpenAPI document of a service must say of every operation: an operationId, a summary and a description, and
 * its refusals (every 4xx and 5xx it may answer) as {@code application/problem+json} with the {@code Problem} schema and
 * an example per rule code, always including 400 and 500.
 */
public final class OpenApiChecks {

    private OpenApiChecks() {}

    /** Every way the document falls short, one line each. */
    public static List<String> shortcomings(String base) {
        JsonNode doc;
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/q/openapi?format=json"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            doc = new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
}
