package org.jcm.registry.site.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The services' public endpoints, the site's only source: project-registry for methodologies and projects,
 * credit-issuance for registries and reports. A service's problem (404 JCM-REG-001, 400 JCM-REQ-001, ...) is passed on
 * as it came; a service that does not answer is 503 JCM-SYS-002.
 */
@ApplicationScoped
public class Upstream {

    /** The two services the site reads. */
    public enum Source {
        PROJECTS,
        CREDITS
    }

    /** A CSV as the service answered it: the body, its content type and the file name it suggested. */
    public record Csv(byte[] body, String contentType, String disposition) {}

    private final HttpClient http;
    private final ObjectMapper json;
    private final Map<Source, String> bases;
    private final Duration timeout;

    public Upstream(ObjectMapper json, @ConfigProperty(name = "jcm.site.project-registry-url") String projects,
            @ConfigProperty(name = "jcm.site.credit-issuance-url") String credits,
            @ConfigProperty(name = "jcm.site.upstream-timeout") Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.bases = Map.of(Source.PROJECTS, strip(projects), Source.CREDITS, strip(credits));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** A JSON array of objects (a list or a report). */
    public List<Map<String, Object>> list(Source source, String path, Map<String, String> query) {
        return read(get(source, path, query, "application/json"), new TypeReference<>() {
        });
    }

    /** A JSON object. */
    public Map<String, Object> object(Source source, String path, Map<String, String> query) {
        return read(get(source, path, query, "application/json"), new TypeReference<>() {
        });
    }

    /** A report as CSV, byte for byte as the service wrote it. */
    public Csv csv(Source source, String path, Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("format", "csv");
        HttpResponse<byte[]> r = get(source, path, q, "text/csv");
        return new Csv(r.body(), r.headers().firstValue("Content-Type").orElse("text/csv"),
                r.headers().firstValue("Content-Disposition").orElse(null));
    }

    private HttpResponse<byte[]> get(Source source, String path, Map<String, String> query, String accept) {
        String q = query.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        URI uri = URI.create(bases.get(source) + path + (q.isEmpty() ? "" : "?" + q));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(source);
        }
        if (response.statusCode() >= 400) {
            throw passedOn(source, response);
        }
        return response;
    }

    private SiteProblem passedOn(Source source, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 500 && status != 503) {
            return new SiteProblem(502, "JCM-SYS-002", "Service unavailable", name(source) + " could not answer; try again in a moment.");
        }
        try {
            Map<String, Object> problem = json.readValue(response.body(), new TypeReference<>() {
            });
            Object code = problem.get("code");
            Object detail = problem.getOrDefault("detail", problem.get("title"));
            if (code != null) {
                return new SiteProblem(status, code.toString(), String.valueOf(problem.getOrDefault("title", "Not shown")), String.valueOf(detail));
            }
        } catch (IOException | RuntimeException e) {
            // not a problem document: described below
        }
        return status == 404
                ? new SiteProblem(404, "JCM-WEB-001", "Not found", "There is no such page.")
                : new SiteProblem(status, "JCM-REQ-001", "Invalid request", name(source) + " refused the request (" + status + ").");
    }

    private static SiteProblem unavailable(Source source) {
        return new SiteProblem(503, "JCM-SYS-002", "Service unavailable", name(source) + " does not answer; try again in a moment.");
    }

    private <T> T read(HttpResponse<byte[]> response, TypeReference<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new SiteProblem(502, "JCM-SYS-002", "Service unavailable", "A service answered something that is not JSON.");
        } catch (IOException e) {
            throw new SiteProblem(502, "JCM-SYS-002", "Service unavailable", "A service's answer could not be read.");
        }
    }

    private static String name(Source source) {
        return source == Source.PROJECTS ? "The project registry" : "The credit registry";
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
