package org.jcm.registry.platform.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.openapi.ProblemResponses;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** Operators see what this service could not process, why, and replay a message once the cause is fixed. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Messages this service could not process, with their reasons; replay after a fix")
@Idempotent
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Replay replay;
    private final Callers callers;

    public DeadLetterResource(DeadLetters deadLetters, Replay replay, Callers callers) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.callers = callers;
    }

    public record DeadLetterView(long id, String topic, int partition, long offset, String key, Map<String, String> headers, String value,
            UUID eventId,
            String eventType, String reasonCode, String reason, Instant receivedAt, int attempts, DeadLetter.Status status,
            Instant replayedAt) {

        static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.id(), d.topic(), d.partition(), d.offset(), d.key(), d.headers(), d.value(), d.eventId(), d.eventType(),
                    d.reasonCode(), d.reason(), d.receivedAt(), d.attempts(), d.status(), d.replayedAt());
        }
    }

    public record ReplayResult(long id, boolean applied, boolean alreadyApplied, DeadLetter.Status status) {}

    @GET
    @Operation(operationId = "listDeadLetters", summary = "Lists dead letters, newest first", description = "Filter with `status` (OPEN or REPLAYED). Pages of `limit` (at most 1000); when more remain, the `Link` header names "
            + "the next page (`rel=\"next\"`, with `before` set to the last id of this page).")
    @APIResponse(responseCode = "200", description = "One page of dead letters, newest first", headers = @Header(name = "Link", description = "`<...?before=ID&limit=N>; rel=\"next\"` when more dead letters remain", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterView.class)))
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public Response list(@QueryParam("status") String status, @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit, @Context UriInfo uri) {
        callers.current().readGlobally("dead letters");
        List<DeadLetter> page = deadLetters.page(Params.optionalEnum(DeadLetter.Status.class, status, "status"), before, limit + 1);
        boolean more = page.size() > limit;
        List<DeadLetterView> views = page.stream().limit(limit).map(DeadLetterView::of).toList();
        Response.ResponseBuilder response = Response.ok(views);
        if (more) {
            long last = views.get(views.size() - 1).id();
            response.link(uri.getRequestUriBuilder().replaceQueryParam("before", last).replaceQueryParam("limit", limit).build(), "next");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter with its original message and reason", description = "The original record (topic, partition, offset, key, value), the rule it broke and how often it was tried.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MSG-004")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public DeadLetterView get(@PathParam("id") long id) {
        callers.current().readGlobally("dead letters");
        return DeadLetterView.of(find(id));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(operationId = "replayDeadLetter", summary = "Applies a dead letter again", description = "Runs the original message through the same processing as on arrival (still at most once per event id). Answers 422 "
            + "with the new reason if it fails again.")
    @Extension(name = ProblemResponses.EXTENSION, value = "JCM-MSG-004, JCM-MSG-005, JCM-MSG-006")
    @RolesAllowed(Caller.OPERATOR)
    public ReplayResult replay(@PathParam("id") long id) {
        callers.current().actGlobally("replay dead letters");
        DeadLetter d = find(id);
        if (d.status() == DeadLetter.Status.REPLAYED) {
            throw new RuleViolation(PlatformRule.DEAD_LETTER_ALREADY_REPLAYED, "dead letter " + id + " was replayed at " + d.replayedAt());
        }
        Replay.Result result = replay.replay(d);
        if (result.refusal().isPresent()) {
            deadLetters.recordFailedReplay(id, result.refusal().get());
            throw new RuleViolation(PlatformRule.REPLAY_FAILED, result.refusal().get().reason());
        }
        deadLetters.markReplayed(id);
        return new ReplayResult(id, result.applied(), result.alreadyApplied(), DeadLetter.Status.REPLAYED);
    }

    private DeadLetter find(long id) {
        return deadLetters.find(id).orElseThrow(() -> new RuleViolation(PlatformRule.DEAD_LETTER_NOT_FOUND, "no dead letter " + id));
    }
}
