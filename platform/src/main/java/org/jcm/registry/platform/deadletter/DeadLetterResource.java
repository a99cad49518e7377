package org.jcm.registry.platform.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.problem.Params;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/** Operators see what this service could not process, why, and replay a message once the cause is fixed. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Messages this service could not process, with their reasons; replay after a fix")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final InboundProcessor processor;

    public DeadLetterResource(DeadLetters deadLetters, InboundProcessor processor) {
        this.deadLetters = deadLetters;
        this.processor = processor;
    }

    public record DeadLetterView(long id, String topic, int partition, long offset, String key, String value, UUID eventId,
            String eventType, String reasonCode, String reason, Instant receivedAt, int attempts, DeadLetter.Status status,
            Instant replayedAt) {

        static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.id(), d.topic(), d.partition(), d.offset(), d.key(), d.value(), d.eventId(), d.eventType(),
                    d.reasonCode(), d.reason(), d.receivedAt(), d.attempts(), d.status(), d.replayedAt());
        }
    }

    public record ReplayResult(long id, boolean applied, boolean alreadyApplied, DeadLetter.Status status) {}

    @GET
    @Operation(summary = "Lists dead letters, oldest first", description = "Filter with `status` (OPEN or REPLAYED).")
    public List<DeadLetterView> list(@QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return deadLetters.list(Params.optionalEnum(DeadLetter.Status.class, status, "status"), limit).stream().map(DeadLetterView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter with its original message and reason")
    public DeadLetterView get(@PathParam("id") long id) {
        return DeadLetterView.of(find(id));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Applies a dead letter again", description = "Runs the original message through the same processing as on arrival "
            + "(still at most once per event id). Answers 422 with the new reason if it fails again.")
    public ReplayResult replay(@PathParam("id") long id) {
        DeadLetter d = find(id);
        if (d.status() == DeadLetter.Status.REPLAYED) {
            throw new RuleViolation(PlatformRule.DEAD_LETTER_ALREADY_REPLAYED, "dead letter " + id + " was replayed at " + d.replayedAt());
        }
        InboundProcessor.Outcome outcome = processor.attempt(d.topic(), d.partition(), d.offset(), d.value());
        if (outcome.failed()) {
            deadLetters.recordFailedReplay(id, outcome);
            throw new RuleViolation(PlatformRule.REPLAY_FAILED, outcome.reason());
        }
        deadLetters.markReplayed(id);
        return new ReplayResult(id, outcome.applied(), outcome.duplicate(), DeadLetter.Status.REPLAYED);
    }

    private DeadLetter find(long id) {
        return deadLetters.find(id).orElseThrow(() -> new RuleViolation(PlatformRule.DEAD_LETTER_NOT_FOUND, "no dead letter " + id));
    }
}
