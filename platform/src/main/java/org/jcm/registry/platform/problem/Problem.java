package org.jcm.registry.platform.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details, with the rule code as an extension member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Rule rule, String detail, URI instance, List<FieldError> errors) {
        return new Problem(URI.create("urn:jcm:problem:" + rule.code()), rule.title(), rule.status(), detail, instance, rule.code(),
                errors == null || errors.isEmpty() ? null : errors);
    }

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {}
}
