package org.jcm.registry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.benchmarks.UpstreamEvents.Period;

/** credit-issuance's REST API as the benchmark's operator (bound to no country) calls it. */
final class CreditIssuanceApi {

    static final ObjectMapper JSON = new ObjectMapper();

    record Account(String id, String number) {}

    record Answer(int status, String body) {}

    /** One line of a JC decision: {@code quantity} credits to {@code account}. */
    record Line(Account account, long quantity) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;
    private final String registry;

    CreditIssuanceApi(String baseUrl, String token, String registry) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.registry = registry;
    }

    Answer send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    static Answer expect(Answer a, int status, String what) {
        if (a.status() != status) {
            throw new IllegalStateException(what + " answered " + a.status() + ": " + a.body());
        }
        return a;
    }

    void awaitStatus(String path, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (get(path).status() != status) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " did not answer " + status + " within " + within);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    Account openAccount(String identifier) throws Exception {
        Answer a = send("POST", "/api/registries/" + registry + "/accounts", JSON.writeValueAsString(Map.of("holder", "Holder " + identifier,
                "holderIdentifier", identifier, "contactEmail", "registry@holder.example")));
        expect(a, 201, "open account " + identifier);
        JsonNode n = JSON.readTree(a.body());
        return new Account(n.path("id").asText(), n.path("number").asText());
    }

    /**
     * Requests the issuance of a verified period; retries (for up to a minute) only while the country, the project or the
     * verification has not arrived through Kafka yet. Returns the issuance's id.
     */
    String requestIssuance(Period p) throws Exception {
        String body = JSON.writeValueAsString(Map.of("projectReference", p.project().reference(), "monitoringPeriodStart", p.start().toString(),
                "monitoringPeriodEnd", p.end().toString()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Answer a = send("POST", "/api/issuances", body);
            if (a.status() == 201) {
                return JSON.readTree(a.body()).path("id").asText();
            }
            boolean notArrived = a.status() == 422 && (a.body().contains("JCM-ISS-002") || a.body().contains("JCM-ISS-003")
                    || a.body().contains("JCM-ISS-005"));
            if (!notArrived || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST /api/issuances answered " + a.status() + ": " + a.body());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Records the Joint Committee's decision on an issuance: one allocation line per account (at most 100). */
    void decide(String issuance, Period p, List<Line> lines) throws Exception {
        List<Map<String, Object>> body = lines.stream().map(l -> Map.<String, Object>of("registry", registry, "account", l.account().number(),
                "vintage", p.vintage(), "quantity", l.quantity())).toList();
        String json = JSON.writeValueAsString(Map.of("decisionReference", "JC-" + p.project().reference() + "-" + p.start(), "decidedOn", p.end()
                .plusMonths(4).toString(), "lines", body));
        expect(send("POST", "/api/issuances/" + issuance + "/decision", json), 200, "decision of " + issuance);
    }
}
