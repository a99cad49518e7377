package org.jcm.registry.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.jcm.registry.benchmarks.UpstreamEvents.Period;

/**
 * credit-issuance's REST API as the benchmark's operator (bound to no country) calls it: HTTP/1.1 over kept-alive pooled
 * connections, one per client thread. The client shares the machine's cores with the registry it measures, so it must
 * cost little: Apache HttpClient's blocking client does (the JDK's {@code java.net.http} client, used before, took about
 * 1.25 ms of CPU per transfer in a profile, as much as a sixth of what the service itself took).
 */
final class CreditIssuanceApi implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper();

    record Account(String id, String number) {}

    record Answer(int status, String body) {}

    /** One line of a JC decision: {@code quantity} credits to {@code account}. */
    record Line(Account account, long quantity) {}

    private final CloseableHttpClient http = HttpClients.custom().setMaxConnTotal(256).setMaxConnPerRoute(256).disableCookieManagement()
            .disableRedirectHandling().setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(10_000).setSocketTimeout(120_000)
                    .build())
            .build();
    private final String baseUrl;
    private final String token;
    private final String registry;

    CreditIssuanceApi(String baseUrl, String token, String registry) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.registry = registry;
    }

    Answer send(String method, String path, String json) throws IOException, InterruptedException {
        RequestBuilder b = RequestBuilder.create(method).setUri(baseUrl + path).addHeader("Authorization", "Bearer " + token);
        if (json != null) {
            b.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        }
        try (CloseableHttpResponse r = http.execute(b.build())) {
            String body = r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
            return new Answer(r.getStatusLine().getStatusCode(), body);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
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
