package org.jcm.registry.platform.idempotency;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.web.RoutingContext;
import org.jcm.registry.platform.json.Canonical;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Callers;

/**
 * Makes a state-changing request safe to retry. A POST or PUT with an {@code Idempotency-Key} header claims the key for its
 * caller, in the same transaction as its effect: the first request with a key acts and its response (status, location,
 * body) is kept with the key; a retry with the same key and the same request gets that response again without acting
 * ({@code Idempotent-Replayed: true}); the same key with a different request (another operation, path or body) is refused
 * ({@code JCM-REQ-015}). Requests racing with one key wait for the first one's transaction: one acts, the others replay its
 * answer; if the first one is refused, nothing is kept and the next one acts. Keys are kept for
 * {@code jcm.idempotency.retention} (24 h by default).
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String REPLAYED = "jcm.idempotent-replayed";
    /** Printable ASCII without spaces, as IETF draft-ietf-httpapi-idempotency-key-header allows any string; UUIDs fit. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyKeys keys;
    private final Callers callers;
    private final RoutingContext routing;
    private final ObjectMapper mapper;

    public IdempotencyInterceptor(IdempotencyKeys keys, Callers callers, RoutingContext routing, ObjectMapper mapper) {
        this.keys = keys;
        this.callers = callers;
        this.routing = routing;
        this.mapper = mapper;
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        Method method = ctx.getMethod();
        boolean changes = method.isAnnotationPresent(POST.class) || method.isAnnotationPresent(PUT.class);
        String key = changes ? routing.request().getHeader(HEADER) : null;
        if (key == null) {
            return ctx.proceed();
        }
        if (!KEY.matcher(key).matches()) {
            throw new RuleViolation(PlatformRule.IDEMPOTENCY_KEY_INVALID,
                    "an Idempotency-Key is 1 to 255 printable ASCII characters without spaces (a UUID, say)");
        }
        String caller = callers.current().name();
        byte[] fingerprint = fingerprint(ctx);
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (keys.claim(caller, key, fingerprint)) {
                Object result = ctx.proceed();
                keys.complete(caller, key, stored(result));
                return result;
            }
            IdempotencyKeys.Stored first = keys.stored(caller, key, fingerprint);
            routing.put(REPLAYED, Boolean.TRUE);
            return replay(method, first);
        });
    }

    /** What identifies the request: the method (hence the operation), the request path and the arguments (path parameters, body). */
    private byte[] fingerprint(InvocationContext ctx) {
        List<JsonNode> parts = new ArrayList<>();
        parts.add(TextNode.valueOf(ctx.getMethod().getDeclaringClass().getName() + "#" + ctx.getMethod().getName()));
        parts.add(TextNode.valueOf(routing.request().path()));
        for (Object arg : ctx.getParameters()) {
            parts.add(arg == null || arg instanceof jakarta.ws.rs.core.UriInfo ? null : mapper.valueToTree(arg));
        }
        return Canonical.sha256(parts.toArray(JsonNode[]::new));
    }

    private IdempotencyKeys.Stored stored(Object result) throws Exception {
        if (result instanceof Response r) {
            String location = r.getLocation() == null ? null : r.getLocation().toString();
            return new IdempotencyKeys.Stored(r.getStatus(), location, r.hasEntity() ? mapper.writeValueAsString(r.getEntity()) : null);
        }
        return new IdempotencyKeys.Stored(result == null ? 204 : 200, null, result == null ? null : mapper.writeValueAsString(result));
    }

    private Object replay(Method method, IdempotencyKeys.Stored first) throws Exception {
        if (Response.class.isAssignableFrom(method.getReturnType())) {
            Response.ResponseBuilder r = Response.status(first.status());
            if (first.location() != null) {
                r.location(java.net.URI.create(first.location()));
            }
            if (first.body() != null) {
                r.entity(mapper.readTree(first.body()));
            }
            return r.build();
        }
        return first.body() == null ? null : mapper.readValue(first.body(), mapper.constructType(method.getGenericReturnType()));
    }
}
