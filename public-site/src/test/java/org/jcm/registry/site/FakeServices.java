package org.jcm.registry.site;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for project-registry and credit-issuance in the site's own tests, where the point is what the site does with
 * a caller's input and with a service's answers (the real services are behind the site in e2e-tests' PublicPagesIT):
 * an answer per path, a problem document (404 JCM-REG-001) for any other path.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    /** Answers by path (without the query): status and JSON body. */
    public static final Map<String, Map.Entry<Integer, String>> ANSWERS = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeServices::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("jcm.site.project-registry-url", url, "jcm.site.credit-issuance-url", url);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map.Entry<Integer, String> answer = ANSWERS.getOrDefault(path,
                Map.entry(404, "{\"type\": \"urn:jcm:problem:JCM-REG-001\", \"title\": \"No such registry\", \"status\": 404, "
                        + "\"detail\": \"no registry here\", \"code\": \"JCM-REG-001\"}"));
        byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
        boolean csv = "format=csv".equals(exchange.getRequestURI().getQuery())
                || String.valueOf(exchange.getRequestURI().getQuery()).endsWith("&format=csv");
        exchange.getResponseHeaders().add("Content-Type",
                answer.getKey() >= 400 ? "application/problem+json" : csv ? "text/csv" : "application/json");
        exchange.sendResponseHeaders(answer.getKey(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
