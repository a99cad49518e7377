package org.jcm.registry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who may call what, tried for real: every operation of a service's OpenAPI document, called by every kind of caller (none,
 * an expired token, a token of another issuer, each role, each role bound elsewhere), against the answer the document and
 * the caller's scope say it must get. An operation's roles are the scopes of its {@code bearer} security requirement (none:
 * it is public); request bodies are the examples of the document's request schemas, so a refused caller is refused for who
 * it is, not for what it sent.
 */
public final class AccessMatrix {

    /** The platform's operations every service has that only an operator bound to no country (or, to read, an auditor) may call. */
    public static final java.util.Set<String> PLATFORM_UNBOUND_ONLY = java.util.Set.of("listAuditEvents", "verifyAuditChain", "redeliverAuditEvents",
            "listAuditCheckpoints", "getLatestAuditCheckpoint", "getAuditCheckpoint", "signAuditCheckpoint", "proveAuditInclusion",
            "proveAuditConsistency", "exportAuditLog",
            "listDeadLetters",
            "getDeadLetter", "replayDeadLetter");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a call must get. */
    public enum Expect {
        /** Through security: any answer but 401 or 403. */
        ALLOW,
        /** 401 JCM-SEC-001. */
        UNAUTHENTICATED,
        /** 403 JCM-SEC-002: its role may not call the operation. */
        WRONG_ROLE,
        /** 403 JCM-SEC-003: its role may, but not for this country, project or account. */
        OUT_OF_SCOPE
    }

    /**
     * A kind of caller: its token (null for none), the role it carries (null for a token that must not verify), and whether
     * the fixture's resources are its own (its country, its project).
     */
    public record Caller(String name, String token, String role, boolean home) {}

    /** One operation of the document, ready to call. */
    public record Operation(String id, String method, String path, Set<String> roles, String body) {

        public boolean isPublic() {
            return roles.isEmpty();
        }
    }

    /** One call that did not get what it must. */
    public record Mismatch(Operation operation, Caller caller, Expect expected, int status, String body) {

        @Override
        public String toString() {
            return operation.method() + " " + operation.path() + " (" + operation.id() + ") as " + caller.name() + ": expected " + expected + ", got "
                    + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** The outcome: how many calls were made, which did not answer as they must, and which operations are public. */
    public record Result(int operations, int callers, int calls, List<Mismatch> mismatches, List<String> publicOperations) {}

    /**
     * The callers every matrix tries, minted by {@code tokens}: {@code home} is the fixture's country and
     * {@code homeParticipant} a participant its project names; {@code away} and {@code awayParticipant} are others.
     */
    public static List<Caller> callers(Tokens tokens, String home, String away, String homeParticipant, String awayParticipant) {
        return List.of(
                new Caller("no token", null, null, true),
                new Caller("expired token", tokens.expired(Duration.ofMinutes(5)), null, true),
                new Caller("token of another issuer's key", Tokens.untrusted("urn:jcm:impostor").operator(), null, true),
                new Caller("token claiming another issuer", tokens.claimingIssuer("urn:jcm:impostor").operator(), null, true),
                new Caller("token for another audience", tokens.forAudience("another-application").operator(), null, true),
                new Caller("operator", tokens.operator(), "operator", true),
                new Caller("operator of " + home, tokens.operatorOf(home), "operator", true),
                new Caller("operator of " + away, tokens.operatorOf(away), "operator", false),
                new Caller("partner of " + home, tokens.partner(home), "partner", true),
                new Caller("partner of " + away, tokens.partner(away), "partner", false),
                new Caller("participant " + homeParticipant, tokens.participant(homeParticipant), "participant", true),
                new Caller("participant " + awayParticipant, tokens.participant(awayParticipant), "participant", false),
                new Caller("auditor", tokens.auditor(), "auditor", true));
    }

    /**
     * What a caller must get from an operation: public operations let everyone through; otherwise a token that does not
     * verify gets 401, a role the operation does not name 403 JCM-SEC-002, and a role it names 403 JCM-SEC-003 outside its
     * scope: bound elsewhere, or bound at all for the operations in {@code unboundOnly} (those only an operator bound to no
     * country, or an auditor, may use).
     */
    public static Expect expected(Operation op, Caller caller, Set<String> unboundOnly) {
        if (op.isPublic()) {
            return Expect.ALLOW;
        }
        if (caller.role() == null) {
            return Expect.UNAUTHENTICATED;
        }
        if (!op.roles().contains(caller.role())) {
            return Expect.WRONG_ROLE;
        }
        boolean unbound = caller.name().equals("operator") || caller.name().equals("auditor");
        if (unboundOnly.contains(op.id())) {
            return unbound ? Expect.ALLOW : Expect.OUT_OF_SCOPE;
        }
        return caller.home() ? Expect.ALLOW : Expect.OUT_OF_SCOPE;
    }

    /** The operations of the service at {@code base}, with path parameters filled from {@code pathValues}. */
    public static List<Operation> operations(String base, Map<String, String> pathValues) {
        JsonNode doc = OpenApiChecks.document(base);
        List<Operation> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                JsonNode op = m.getValue();
                if (!op.has("operationId")) {
                    continue;
                }
                String url = fill(path.getKey(), pathValues);
                if (pathValues.containsKey(path.getKey() + "?")) {
                    url += "?" + pathValues.get(path.getKey() + "?");
                }
                Set<String> roles = new LinkedHashSet<>();
                op.path("security").forEach(requirement -> requirement.path("bearer").forEach(r -> roles.add(r.asText())));
                out.add(new Operation(op.get("operationId").asText(), m.getKey().toUpperCase(), url, roles, example(doc, op)));
            }
        }
        return out;
    }

    /**
     * The path with its parameters filled: a value keyed {@code "/api/things/{id}#id"} serves that path only (and the paths
     * under it), one keyed {@code "id"} every path. A value keyed {@code "/api/things?"} is the query string of that path.
     */
    private static String fill(String template, Map<String, String> values) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.entrySet().stream().filter(e -> e.getKey().endsWith("#" + name)
                    && template.startsWith(e.getKey().substring(0, e.getKey().length() - name.length() - 1)))
                    .map(Map.Entry::getValue).findFirst().orElse(values.get(name));
            if (value == null) {
                throw new IllegalArgumentException("no value for the path parameter " + name + " of " + template + " in " + values.keySet());
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Calls every operation as every caller; {@code expected} says what each call must get. Calls run in the order of the
     * callers, so the refused ones come before those that may change something.
     */
    public static Result run(String base, List<Operation> operations, List<Caller> callers,
            java.util.function.BiFunction<Operation, Caller, Expect> expected) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Mismatch> mismatches = new ArrayList<>();
        int calls = 0;
        List<Caller> ordered = new ArrayList<>(callers);
        ordered.sort(java.util.Comparator.comparing(c -> c.role() != null && c.home()));
        for (Caller caller : ordered) {
            for (Operation op : operations) {
                Expect expect = expected.apply(op, caller);
                HttpResponse<String> r = call(http, base, op, caller.token(), null);
                calls++;
                if (!answers(r, expect)) {
                    mismatches.add(new Mismatch(op, caller, expect, r.statusCode(), r.body()));
                }
            }
        }
        return new Result(operations.size(), callers.size(), calls, mismatches,
                operations.stream().filter(Operation::isPublic).map(Operation::id).toList());
    }

    /**
     * The whole matrix of a service: every operation of its document as every caller of {@link #callers} (bound to
     * {@code home} and {@code homeParticipant}, or elsewhere), against {@link #expected}; prints its size.
     */
    public static Result check(String service, String base, Map<String, String> pathValues, String home, String homeParticipant,
            Set<String> unboundOnly) {
        List<Operation> operations = operations(base, pathValues);
        List<Caller> callers = callers(Api.tokens(), home, "VN".equals(home) ? "TH" : "VN", homeParticipant, "PP-ELSEWHERE-0001");
        Result result = run(base, operations, callers, (op, caller) -> expected(op, caller, unboundOnly));
        System.out.printf("[access] %s: %d operations x %d callers = %d calls, %d public operations%n", service, result.operations(),
                result.callers(), result.calls(), result.publicOperations().size());
        return result;
    }

    /**
     * Every POST and PUT of the document called by an unbound operator with a malformed Idempotency-Key: each must refuse it
     * (400 JCM-REQ-016), which proves that each takes part in idempotency. Returns the operations that did not, and how many
     * were tried.
     */
    public static Map.Entry<Integer, List<String>> idempotencyKeyNotHonoured(String base, Map<String, String> pathValues) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String operator = Api.tokens().operator();
        List<Operation> changes = operations(base, pathValues).stream().filter(op -> op.method().equals("POST") || op.method().equals("PUT"))
                .toList();
        List<String> ignored = new ArrayList<>();
        for (Operation op : changes) {
            HttpResponse<String> r = call(http, base, op, operator, Map.entry("Idempotency-Key", "not a key"));
            if (r.statusCode() != 400 || !"JCM-REQ-016".equals(problemCode(r))) {
                ignored.add(op.id() + " answered " + r.statusCode() + " " + r.body());
            }
        }
        return Map.entry(changes.size(), ignored);
    }

    /** Calls the operation with a bearer token (or none) and optional extra header. */
    public static HttpResponse<String> call(HttpClient http, String base, Operation op, String token, Map.Entry<String, String> header) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + op.path())).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (header != null) {
            b.header(header.getKey(), header.getValue());
        }
        if (op.body() != null) {
            b.header("Content-Type", "application/json").method(op.method(), HttpRequest.BodyPublishers.ofString(op.body(), StandardCharsets.UTF_8));
        } else {
            b.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(HttpResponse<String> r, Expect expect) {
        int status = r.statusCode();
        String code = problemCode(r);
        return switch (expect) {
            case ALLOW -> status != 401 && status != 403 && status < 500;
            case UNAUTHENTICATED -> status == 401 && "JCM-SEC-001".equals(code)
                    && r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer");
            case WRONG_ROLE -> status == 403 && "JCM-SEC-002".equals(code);
            case OUT_OF_SCOPE -> status == 403 && "JCM-SEC-003".equals(code);
        };
    }

    static String problemCode(HttpResponse<String> r) {
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return null;
        }
        try {
            return JSON.readTree(r.body()).path("code").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The example of the operation's JSON request body: the request schema's own example, or the media type's. */
    private static String example(JsonNode doc, JsonNode op) {
        JsonNode media = op.path("requestBody").path("content").path("application/json");
        if (media.isMissingNode()) {
            return null;
        }
        JsonNode example = media.path("example");
        if (example.isMissingNode()) {
            JsonNode schema = media.path("schema");
            String ref = schema.path("$ref").asText("");
            if (ref.startsWith("#/components/schemas/")) {
                schema = doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
            }
            example = schema.path("examples").path(0);
            if (example.isMissingNode()) {
                example = schema.path("example");
            }
        }
        if (example.isMissingNode()) {
            throw new IllegalStateException(op.path("operationId").asText() + " has a request body without an example");
        }
        return example.toString();
    }

    private AccessMatrix() {}
}
