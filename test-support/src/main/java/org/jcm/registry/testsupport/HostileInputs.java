package org.jcm.registry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hostile caller driven by a service's own OpenAPI document: for every operation it builds a plausible request from
 * the schemas, then sends it again and again with one hostile value at a time (a NUL character, a lone surrogate, a huge
 * text, a date PostgreSQL cannot store, a number past 2^63, a fraction for a whole number, a number for a text, a long
 * list...) in a path parameter, a query parameter or a body field; plus raw requests no client library would send (a
 * URI of 10 KB and 70 KB, a body that is not JSON, a body over the size limit). It reports every answer that breaks
 * the promise: a 5xx, or a refusal that is not problem+json with a rule code, or whose code the operation's OpenAPI does
 * not document.
 */
public final class HostileInputs {

    /** An answer that breaks the promise. */
    public record Finding(String method, String path, String variant, int status, String contentType, String body) {

        @Override
        public String toString() {
            return method + " " + path + " [" + variant + "] -> " + status + " " + contentType + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** How many requests were sent, and what broke the promise. */
    public record Report(int requests, List<Finding> findings) {}

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Codes any operation may answer, besides its own: no such route, method, representation, a URI too long. */
    private static final Set<String> ANY_OPERATION = Set.of("JCM-REQ-003", "JCM-REQ-004", "JCM-REQ-006", "JCM-REQ-009");

    private final String base;
    private final Map<String, String> pathValues;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    /** Java's default client: HTTP/2 over cleartext (h2c upgrade), where the URI travels as a header. */
    private final HttpClient http2 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Finding> findings = new ArrayList<>();
    private JsonNode openApi;
    private int requests;

    private HostileInputs(String base, Map<String, String> pathValues) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.pathValues = pathValues;
    }

    /**
     * Probes every operation of the service at {@code base}. {@code pathValues} gives real ids for path parameters (by
     * name), so that requests get past "not found" into the validation and the domain.
     */
    public static Report probe(String base, Map<String, String> pathValues) {
        HostileInputs h = new HostileInputs(base, pathValues);
        h.run();
        return new Report(h.requests, List.copyOf(h.findings));
    }

    private void run() {
        openApi = read(send(http, "GET", "/q/openapi?format=json", null, null).body());
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    probeOperation(op.getKey().toUpperCase(), path.getKey(), op.getValue());
                }
            }
        }
        rawRequests();
    }

    private void probeOperation(String method, String template, JsonNode op) {
        Set<String> documented = documentedCodes(op);
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, JsonNode> query = new LinkedHashMap<>();
        for (JsonNode p : op.path("parameters")) {
            String name = p.path("name").asText();
            if ("path".equals(p.path("in").asText())) {
                path.put(name, pathValues.getOrDefault(name, "XX"));
            } else if ("query".equals(p.path("in").asText())) {
                query.put(name, resolve(p.path("schema")));
            }
        }
        JsonNode bodySchema = resolve(op.path("requestBody").path("content").path("application/json").path("schema"));
        JsonNode body = bodySchema.isMissingNode() ? null : sample(bodySchema, 0);
        String json = body == null ? null : body.toString();

        check(method, template, "plausible", documented, url(template, path, Map.of()), json);
        for (String name : path.keySet()) {
            for (Map.Entry<String, String> v : hostilePathValues().entrySet()) {
                Map<String, String> p = new LinkedHashMap<>(path);
                p.put(name, v.getValue());
                check(method, template, "path " + name + " = " + v.getKey(), documented, url(template, p, Map.of()), json);
            }
        }
        for (Map.Entry<String, JsonNode> q : query.entrySet()) {
            for (Map.Entry<String, String> v : hostileQueryValues(q.getValue()).entrySet()) {
                check(method, template, "query " + q.getKey() + " = " + v.getKey(), documented, url(template, path, Map.of(q.getKey(), v.getValue())),
                        json);
            }
        }
        if (body != null) {
            for (String variant : List.of("{garbage <<<", "", "[]", "null", "{\"a\":1} trailing")) {
                check(method, template, "body " + (variant.isEmpty() ? "empty" : variant), documented, url(template, path, Map.of()), variant);
            }
            for (Map.Entry<String, String> v : mutations(body, bodySchema).entrySet()) {
                check(method, template, "body " + v.getKey(), documented, url(template, path, Map.of()), v.getValue());
            }
        }
    }

    /** Every request with one field replaced by each hostile value its type invites. */
    private Map<String, String> mutations(JsonNode body, JsonNode schema) {
        Map<String, String> out = new LinkedHashMap<>();
        mutate(body, schema, "", body, out, 0);
        return out;
    }

    private void mutate(JsonNode root, JsonNode schema, String at, JsonNode node, Map<String, String> out, int depth) {
        schema = resolve(schema);
        if (depth > 6) {
            return;
        }
        if (node instanceof ObjectNode obj) {
            JsonNode props = schema.path("properties");
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String where = at.isEmpty() ? name : at + "." + name;
                JsonNode fieldSchema = resolve(props.path(name));
                for (Map.Entry<String, JsonNode> v : hostileValues(fieldSchema).entrySet()) {
                    ObjectNode copy = (ObjectNode) root.deepCopy();
                    JsonNode parent = at.isEmpty() ? copy : copy.at("/" + at.replace(".", "/").replace("[0]", "/0"));
                    if (parent instanceof ObjectNode p) {
                        p.set(name, v.getValue());
                        out.put(where + " = " + v.getKey(), copy.toString());
                    }
                }
                mutate(root, fieldSchema, where, obj.get(name), out, depth + 1);
            }
        } else if (node instanceof ArrayNode arr && !arr.isEmpty()) {
            mutate(root, schema.path("items"), at + "[0]", arr.get(0), out, depth + 1);
        }
    }

    private Map<String, JsonNode> hostileValues(JsonNode schema) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        String type = type(schema);
        v.put("null", JSON.nullNode());
        v.put("object", JSON.objectNode().put("x", 1));
        v.put("NUL text", JSON.textNode("a\u0000b"));
        v.put("lone surrogate", JSON.textNode("a\uD800b"));
        v.put("100 KB text", JSON.textNode("x".repeat(100_000)));
        v.put("number 2^63+1", JSON.numberNode(new java.math.BigInteger("9223372036854775809")));
        v.put("number 1e400", JSON.numberNode(new java.math.BigDecimal("1e400")));
        v.put("fraction 0.5", JSON.numberNode(new java.math.BigDecimal("0.5")));
        v.put("negative -1", JSON.numberNode(-1));
        v.put("boolean", JSON.booleanNode(true));
        if ("string".equals(type) && "date".equals(schema.path("format").asText())) {
            v.put("date -5000", JSON.textNode("-5000-01-01"));
            v.put("date +9999999", JSON.textNode("+9999999-12-31"));
            v.put("date year 0", JSON.textNode("0000-01-01"));
            v.put("date 20200101 as number", JSON.numberNode(20200101));
            v.put("date 2020-02-30", JSON.textNode("2020-02-30"));
        }
        if ("array".equals(type)) {
            ArrayNode many = JSON.arrayNode();
            JsonNode item = sample(resolve(schema.path("items")), 1);
            for (int i = 0; i < 50_000; i++) {
                many.add(item);
            }
            v.put("50,000 items", many);
        }
        return v;
    }

    private static Map<String, String> hostilePathValues() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("space", "a%20b");
        v.put("NUL", "a%00b");
        v.put("quote", "a%22b");
        v.put("bad UTF-8", "a%C3%28b");
        v.put("5 KB", "a".repeat(5000));
        v.put("huge number", "99999999999999999999999");
        v.put("negative", "-1");
        v.put("dots", "..%2F..");
        v.put("control char", "a%07b");
        return v;
    }

    private static Map<String, String> hostileQueryValues(JsonNode schema) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("NUL", "%00");
        v.put("text", "abc");
        v.put("huge number", "99999999999999999999999");
        v.put("negative", "-1");
        v.put("5 KB", "b".repeat(5000));
        v.put("date -5000", "-5000-01-01");
        v.put("bad UTF-8", "%C3%28");
        return v;
    }

    /** Requests no client library would build. */
    private void rawRequests() {
        for (HttpClient client : List.of(http, http2)) {
            String version = client == http ? "HTTP/1.1" : "HTTP/2";
            check(client, "GET", "(any)", "URI of 10 KB over " + version, Set.of(), base + "/api/" + "x".repeat(10_000), null);
            check(client, "GET", "(any)", "URI of 500 KB over " + version, Set.of(), base + "/api/" + "x".repeat(500_000), null);
        }
        check("GET", "(any)", "query of 10 KB", Set.of(), base + "/q/openapi?x=" + "y".repeat(10_000), null);
        Iterator<String> paths = openApi.path("paths").fieldNames();
        while (paths.hasNext()) {
            String template = paths.next();
            if (openApi.path("paths").path(template).has("post")) {
                String url = url(template, Map.of(), Map.of());
                check("POST", template, "2 MB body", Set.of(), url, "{\"x\": \"" + "z".repeat(2_000_000) + "\"}");
                break;
            }
        }
    }

    private void check(String method, String template, String variant, Set<String> documented, String url, String body) {
        check(http, method, template, variant, documented, url, body);
    }

    private void check(HttpClient client, String method, String template, String variant, Set<String> documented, String url, String body) {
        HttpResponse<String> r;
        try {
            r = send(client, method, url, body, "application/json");
        } catch (RuntimeException e) {
            findings.add(new Finding(method, template, variant, -1, "", "no answer: " + e));
            return;
        }
        String contentType = r.headers().firstValue("content-type").orElse("");
        int status = r.statusCode();
        if (status >= 500 && status != 503) {
            findings.add(new Finding(method, template, variant, status, contentType, r.body()));
        } else if (status >= 400) {
            String code = contentType.startsWith("application/problem+json") ? read(r.body()).path("code").asText("") : "";
            boolean known = documented.isEmpty() || documented.contains(code) || ANY_OPERATION.contains(code);
            if (code.isEmpty() || !known) {
                findings.add(new Finding(method, template, variant, status, contentType, code.isEmpty() ? r.body() : "undocumented code " + code));
            }
        }
    }

    private String token;
    private long tokenMintedAt;

    /** An operator bound to no country, so that hostile values reach validation and the services, not the security check. */
    private String token() {
        if (token == null || System.nanoTime() - tokenMintedAt > Duration.ofMinutes(5).toNanos()) {
            token = Api.tokens().operator();
            tokenMintedAt = System.nanoTime();
        }
        return token;
    }

    private HttpResponse<String> send(HttpClient client, String method, String url, String body, String contentType) {
        requests++;
        URI uri = URI.create(url.startsWith("http") ? url : base + url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token());
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String template, Map<String, String> path, Map<String, String> query) {
        String p = template;
        for (Map.Entry<String, String> e : path.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", e.getValue());
        }
        p = p.replaceAll("\\{[^}]+}", "XX");
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            q.append(q.length() == 0 ? "?" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=').append(e.getValue());
        }
        return base + p + q;
    }

    private Set<String> documentedCodes(JsonNode op) {
        Set<String> codes = new LinkedHashSet<>();
        op.path("responses").fields().forEachRemaining(r -> r.getValue().path("content").path("application/problem+json").path("examples")
                .fieldNames().forEachRemaining(codes::add));
        return codes;
    }

    /** A plausible value for a schema: enough to get a request past binding into validation and the domain. */
    private JsonNode sample(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                ObjectNode o = JSON.objectNode();
                if (depth < 6) {
                    schema.path("properties").fields().forEachRemaining(e -> o.set(e.getKey(), sample(e.getValue(), depth + 1)));
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = JSON.arrayNode();
                if (depth < 6) {
                    a.add(sample(schema.path("items"), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return JSON.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            }
            case "number" -> {
                return JSON.numberNode(1);
            }
            case "boolean" -> {
                return JSON.booleanNode(false);
            }
            default -> {
                String format = schema.path("format").asText();
                return JSON.textNode(switch (format) {
                    case "date" -> "2020-01-01";
                    case "date-time" -> "2020-01-01T00:00:00Z";
                    case "uuid" -> UUID.randomUUID().toString();
                    case "uri" -> "https://jcm.example.org/doc.pdf";
                    default -> "QQ";
                });
            }
        }
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!"null".equals(x.asText())) {
                    return x.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** Follows {@code $ref} and the first branch of {@code allOf}/{@code anyOf}/{@code oneOf}. */
    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10; i++) {
            if (schema.has("$ref")) {
                schema = openApi.at(schema.path("$ref").asText().substring(1));
            } else if (schema.has("allOf") && schema.path("allOf").size() == 1) {
                schema = schema.path("allOf").get(0);
            } else if (schema.has("anyOf") || schema.has("oneOf")) {
                JsonNode options = schema.has("anyOf") ? schema.path("anyOf") : schema.path("oneOf");
                JsonNode pick = options.get(0);
                for (JsonNode o : options) {
                    if (!"null".equals(o.path("type").asText())) {
                        pick = o;
                        break;
                    }
                }
                schema = pick;
            } else {
                break;
            }
        }
        return schema;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
