package org.jcm.registry.platform.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details, with the rule code as an extension member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, String code, List<FieldError> errors,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Rule rule, String detail, URI instance, List<FieldError> errors) {
        return new Problem(URI.create("urn:jcm:problem:" + rule.code()), rule.title(), rule.status(), detail, instance, rule.code(),
                errors == null || errors.isEmpty() ? null : errors, null);
    }

    /** A refusal of several rules at once: the first rule's code and status, and every violation. */
    public static Problem of(RuleViolations several, URI instance) {
        Problem first = of(several.rule(), several.detail(), instance, null);
        return new Problem(first.type(), first.title(), first.status(), first.detail(), instance, first.code(), null,
                several.violations().stream().map(v -> new Violation(v.rule().code(), v.rule().title(), v.detail())).toList());
    }

    /** One of several rules a request broke. */
    public record Violation(String code, String title, String detail) {}

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {}
}
