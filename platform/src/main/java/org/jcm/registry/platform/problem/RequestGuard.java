package org.jcm.registry.platform.problem;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.json.StrictJson;

/**
 * Refuses, first of all (before the server's own body limit and before any routing), what no endpoint could take: a
 * URI longer than the registry reads, a body larger than it accepts, and a path or query whose decoded text the
 * database could not keep (a NUL, a control character, bytes that are not UTF-8). Each refusal is a problem, like
 * every other, also on paths the REST layer never sees.
 */
@ApplicationScoped
public class RequestGuard {

    private static final Logger ACCESS = Logger.getLogger("org.jcm.registry.access");

    /** Before Quarkus' own body-size check (order -2). */
    private static final int ORDER = -100;

    private final int maxUriLength;
    private final long maxBodyBytes;
    private final ObjectMapper mapper;

    public RequestGuard(PlatformConfig config, ObjectMapper mapper) {
        this.maxUriLength = config.http().maxUriLength();
        this.maxBodyBytes = config.http().maxBodyBytes();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String uri = request.uri() == null ? "" : request.uri();
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        String rawQuery = query < 0 ? "" : uri.substring(query + 1);
        if (uri.length() > maxUriLength) {
            refuse(ctx, PlatformRule.URI_TOO_LONG,
                    "The request URI has " + uri.length() + " characters; the registry reads at most " + maxUriLength + ".",
                    null);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    refuse(ctx, PlatformRule.BODY_TOO_LARGE,
                            "The body has " + length.trim() + " bytes; the registry accepts at most " + maxBodyBytes + ".",
                            rawPath);
                    return;
                }
            } catch (NumberFormatException e) {
                refuse(ctx, PlatformRule.INVALID_REQUEST, "Content-Length is not a number.", rawPath);
                return;
            }
        }
        String problem = decodedProblem(rawPath, "path");
        if (problem == null) {
            problem = decodedProblem(rawQuery.replace('+', ' '), "query");
        }
        if (problem != null) {
            refuse(ctx, PlatformRule.INVALID_REQUEST, problem, rawPath);
            return;
        }
        ctx.next();
    }

    /** Decodes percent-escapes strictly as UTF-8 and says what the decoded text holds that the registry does not accept. */
    static String decodedProblem(String raw, String where) {
        if (raw.indexOf('%') < 0 && StrictJson.problemWith(raw) == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return "The " + where + " has a '%' that is not followed by two hex digits.";
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c > 0x7f) {
                return "The " + where + " holds a character that is not percent-encoded.";
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
        } catch (CharacterCodingException e) {
            return "The " + where + " is not UTF-8 once decoded.";
        }
        String problem = StrictJson.problemWith(text.toString());
        return problem == null
                ? null
                : "The " + where + " " + problem.replace("contains", "holds") + " once decoded, which the registry does not accept.";
    }

    private void refuse(RoutingContext ctx, Rule rule, String detail, String rawPath) {
        URI instance = null;
        try {
            instance = rawPath == null ? null : URI.create(rawPath);
        } catch (RuntimeException e) {
            // an unparsable path is no instance
        }
        String json;
        try {
            json = mapper.writeValueAsString(Problem.of(rule, Problems.clip(detail), instance, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Before authentication: the caller is not known yet. The path may be hostile, so it is logged clipped.
        String logged = Problems.clip(String.valueOf(rawPath));
        ACCESS.infof("Refused %s %s for anonymous: %d %s", ctx.request().method(), logged.length() > 200 ? logged.substring(0, 200) + "..." : logged,
                rule.status(), rule.code());
        // The body of a refused request is not read: the connection closes after the answer.
        ctx.response().setStatusCode(rule.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(json);
    }
}
