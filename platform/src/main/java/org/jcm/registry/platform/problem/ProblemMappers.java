package org.jcm.registry.platform.problem;

import java.net.URI;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refused request is answered as {@code application/problem+json} with a stable rule code. Nothing a
 * caller can send yields a 500; a genuine server fault yields one with an incident id, never a stack trace, and an
 * outage of the database (or a rule of status 503, such as a broker that did not acknowledge) a 503 with {@code Retry-After}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final DatabaseConstraints constraints;

    public ProblemMappers(DatabaseConstraints constraints) {
        this.constraints = constraints;
    }

    @ServerExceptionMapper(priority = 1)
    public Response ruleViolation(RuleViolation e, UriInfo uri) {
        // A part the registry runs on may be unavailable (the broker, say): a 503 tells the caller when to try again.
        return retryAfterIfUnavailable(Problems.response(e, instance(uri)));
    }

    /** A 503 problem with {@code Retry-After}, so that callers back off; any other answer as it is. */
    private static Response retryAfterIfUnavailable(Response problem) {
        return problem.getStatus() == 503 ? Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build() : problem;
    }

    /** No token: the operation needs one. */
    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return challenge(Problems.response(PlatformRule.UNAUTHORIZED,
                "This operation needs a bearer token (header Authorization: Bearer <token>) from the registry's identity provider.", instance(uri),
                null), null);
    }

    /** A token that does not verify: expired, signed by another issuer, or not meant for the registry. Its content is never echoed. */
    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return challenge(Problems.response(PlatformRule.UNAUTHORIZED,
                "The bearer token was not accepted: it is expired, not signed by the registry's issuer, or not meant for the registry "
                        + "(audience jcm-registry). Obtain a new one.",
                instance(uri), null), "invalid_token");
    }

    /** A valid token whose roles do not include one the operation allows. */
    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        RolesAllowed allowed = resource == null || resource.getResourceMethod() == null
                ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        String detail = allowed == null
                ? "The caller's role may not do this."
                : "This operation is for the role" + (allowed.value().length > 1 ? "s " : " ") + String.join(", ", allowed.value())
                        + "; the token carries none of them.";
        return Problems.response(PlatformRule.FORBIDDEN, detail, instance(uri), null);
    }

    private static Response challenge(Response problem, String error) {
        return Response.fromResponse(problem)
                .header("WWW-Authenticate", "Bearer realm=\"jcm-registry\"" + (error == null ? "" : ", error=\"" + error + "\"")).build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return Problems.response(PlatformRule.INVALID_REQUEST, detail, instance(uri), errors);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where = " at '" + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("") + "'";
        }
        return Problems.response(PlatformRule.UNREADABLE_BODY, "The JSON body cannot be read" + where + ": " + Problems.clip(e.getOriginalMessage()),
                instance(uri), null);
    }

    /** Quarkus REST maps this subtype itself (to an empty 400) unless a mapper as specific as it exists. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException e, UriInfo uri) {
        Optional<Response> fromCause = fromCause(e.getCause(), uri);
        if (fromCause.isPresent()) {
            return fromCause.get();
        }
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a query or path parameter does not convert (?after=abc): that is a bad request.
            return Problems.response(PlatformRule.INVALID_REQUEST, "A parameter of the request has the wrong type: "
                    + Problems.clip(e.getCause().getMessage()), instance(uri), null);
        }
        Rule rule = switch (status) {
            case 400 -> PlatformRule.INVALID_REQUEST;
            case 401 -> PlatformRule.UNAUTHORIZED;
            case 403 -> PlatformRule.FORBIDDEN;
            case 404 -> PlatformRule.NOT_FOUND;
            case 405 -> PlatformRule.METHOD_NOT_ALLOWED;
            case 406 -> PlatformRule.NOT_ACCEPTABLE;
            case 413 -> PlatformRule.BODY_TOO_LARGE;
            case 414 -> PlatformRule.URI_TOO_LONG;
            case 415 -> PlatformRule.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (rule == null) {
            return status >= 500 ? unexpected(e, uri) : Response.fromResponse(e.getResponse()).build();
        }
        return Problems.response(rule, e.getMessage() == null ? rule.title() : Problems.clip(e.getMessage()), instance(uri), null);
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<Response> fromCause = fromCause(e, uri);
        if (fromCause.isPresent()) {
            return fromCause.get();
        }
        if (Failures.isOutage(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.toString());
            return retryAfterIfUnavailable(Problems.response(PlatformRule.UNAVAILABLE,
                    "The registry's database did not answer; nothing was changed. Retry in a few seconds (with the same Idempotency-Key, if you sent one).",
                    instance(uri), null));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Incident %s on %s", incident, uri == null ? "?" : uri.getPath());
        return Problems.response(PlatformRule.INTERNAL, "An internal error occurred; quote incident " + incident + " to the registry operators.",
                instance(uri), null);
    }

    /** Finds what a caller can be told in an exception's causes: a rule, a concurrent change, a constraint, a value the database cannot keep. */
    private Optional<Response> fromCause(Throwable e, UriInfo uri) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleViolation v) {
                return Optional.of(ruleViolation(v, uri));
            }
            if (t instanceof JsonProcessingException j) {
                return Optional.of(unreadable(j, uri));
            }
            if (t instanceof ConstraintViolationException v) {
                return Optional.of(invalid(v, uri));
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return Optional.of(Problems.response(PlatformRule.CONCURRENT_CHANGE,
                        "Someone else changed this resource at the same time; read it again and retry.", instance(uri), null));
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return Optional.of(constraint(t, uri));
            }
        }
        return Failures.dataRejection(e).map(v -> ruleViolation(v, uri));
    }

    private Response constraint(Throwable e, UriInfo uri) {
        Optional<RuleViolation> rule = constraints.violationIn(e);
        if (rule.isPresent()) {
            return ruleViolation(rule.get(), uri);
        }
        String name = DatabaseConstraints.constraintNameIn(e).orElse(null);
        return Problems.response(PlatformRule.CONSTRAINT_CONFLICT,
                "The change conflicts with an existing record" + (name == null ? "" : " (" + name + ")"), instance(uri), null);
    }

    /** The request's path as it was sent (still percent-encoded), so any path a caller can send is a valid instance URI. */
    static URI instance(UriInfo uri) {
        if (uri == null) {
            return null;
        }
        try {
            return URI.create(uri.getRequestUri().getRawPath());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String field(String propertyPath) {
        // "propose.request.name" -> "name": the method and parameter names mean nothing to a caller.
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
