package org.jcm.registry.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.restassured.path.json.JsonPath;
import org.jcm.registry.testsupport.RunningRegistry;
import org.jcm.registry.testsupport.ServiceProcess.Service;

/**
 * A registry client that behaves as a careful caller does while machines fail: each change carries an
 * {@code Idempotency-Key}, and whatever does not come back with a final answer (no answer at all, or a retryable
 * problem) is sent again with the same key until it does. Every attempt that was not final is tallied: a clean one is a
 * {@code 503} problem with {@code Retry-After}, or no answer while a process was down; anything else (a 500, an answer
 * that is no problem document) is recorded as unclean, for the suite to fail on.
 */
final class Client {

    /** A final answer: 2xx, or a 4xx refusal. */
    record Answer(int status, String body) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonPath json() {
            return JsonPath.from(body);
        }

        String code() {
            return status >= 400 ? json().getString("code") : null;
        }
    }

    private final RunningRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    final Map<String, AtomicLong> interruptions = new ConcurrentHashMap<>();
    final List<String> unclean = new CopyOnWriteArrayList<>();
    final AtomicLong requests = new AtomicLong();
    /** Answers dropped on purpose, as a crash between a commit and its answer drops them. */
    final AtomicLong answersLost = new AtomicLong();
    private final ThreadLocal<CountDownLatch> loseTheNextAnswer = new ThreadLocal<>();

    Client(RunningRegistry registry) {
        this.registry = registry;
    }

    Answer post(Service s, String path, String token, String json) {
        return send(s, "POST", path, token, json);
    }

    Answer put(Service s, String path, String token, String json) {
        return send(s, "PUT", path, token, json);
    }

    Answer get(Service s, String path, String token) {
        return send(s, "GET", path, token, null);
    }

    /**
     * The next change this thread sends is answered, and the answer dropped, as a {@code kill -9} between the commit and
     * the answer drops it; the caller sends it again with the same Idempotency-Key once {@code until} opens (the
     * service is back).
     */
    void loseTheNextAnswer(CountDownLatch until) {
        loseTheNextAnswer.set(until);
    }

    /** Sends until a final answer comes, for at most five minutes, always with the same Idempotency-Key. */
    Answer send(Service s, String method, String path, String token, String json) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        requests.incrementAndGet();
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url(s) + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json");
            if (json != null) {
                request.header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            long waitMillis = 250;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                CountDownLatch lose = loseTheNextAnswer.get();
                if (lose != null && json != null && status / 100 == 2) {
                    loseTheNextAnswer.remove();
                    tally("answer lost (dropped between the commit and the caller)");
                    answersLost.incrementAndGet();
                    if (!lose.await(5, TimeUnit.MINUTES)) {
                        throw new AssertionError("the service whose answer was lost did not come back within five minutes");
                    }
                    continue;
                }
                if (status < 500 && status != 408 && status != 429) {
                    return new Answer(status, response.body());
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                if (status == 503 && type.startsWith("application/problem+json") && retryAfter.isPresent()) {
                    tally(status + " problem+json with Retry-After");
                    waitMillis = Math.min(1000, Long.parseLong(retryAfter.get()) * 1000);
                } else {
                    tally(status + " " + type);
                    unclean.add(s.dir + " " + method + " " + path + " answered " + status + " " + type + ": "
                            + response.body().substring(0, Math.min(300, response.body().length())));
                }
            } catch (IOException e) {
                tally("no answer (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(s.dir + " " + method + " " + path + " had no final answer within five minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(waitMillis).toNanos());
        }
    }

    private void tally(String kind) {
        interruptions.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }
}
