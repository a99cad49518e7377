package org.jcm.registry.platform.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

/** Builds problem responses, for the exception mappers and for filters that refuse a request before it is routed. */
public final class Problems {

    private static final int MAX_DETAIL = 2000;

    private Problems() {}

    public static Response response(RuleViolation v, URI instance) {
        if (v instanceof RuleViolations several) {
            return Response.status(several.rule().status()).type(Problem.MEDIA_TYPE).entity(Problem.of(several, instance)).build();
        }
        return response(v.rule(), v.detail(), instance, null);
    }

    public static Response response(Rule rule, String detail, URI instance, List<Problem.FieldError> errors) {
        return Response.status(rule.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(rule, clip(detail), instance, errors))
                .build();
    }

    /**
     * A detail never echoes a whole hostile input back: long texts are cut, and what no JSON writer can encode (a lone
     * UTF-16 surrogate) is replaced.
     */
    public static String clip(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() <= MAX_DETAIL
                ? text
                : text.substring(0, MAX_DETAIL) + "... (" + (text.length() - MAX_DETAIL) + " more characters)";
        StringBuilder out = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(cut.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c) || c == 0) {
                if (out == null) {
                    out = new StringBuilder(cut.length()).append(cut, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? cut : out.toString();
    }
}
