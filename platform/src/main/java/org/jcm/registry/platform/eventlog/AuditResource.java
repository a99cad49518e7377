package org.jcm.registry.platform.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** The service's event log as auditors read it, a verification of its hash chain, and its redelivery by operators. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The service's append-only, hash-chained event log")
public class AuditResource {

    private final EventLog log;
    private final ChainVerifier verifier;
    private final Callers callers;

    private final Redeliveries redeliveries;

    public AuditResource(EventLog log, ChainVerifier verifier, Callers callers, Redeliveries redeliveries) {
        this.log = log;
        this.verifier = verifier;
        this.callers = callers;
        this.redeliveries = redeliveries;
    }

    public record AuditEntry(long position, UUID eventId, String topic, String aggregateType, String aggregateId, String eventType,
            Instant occurredAt,
            @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The CloudEvent as published (structured JSON)") String event,
            String prevHash, String hash, Instant publishedAt) {

        static AuditEntry of(EventLogEntry e) {
            return new AuditEntry(e.position(), e.eventId(), e.topic(), e.aggregateType(), e.aggregateId(), e.eventType(), e.occurredAt(),
                    e.message(), e.prevHash(), e.hash(), e.publishedAt());
        }
    }

    public record AuditPage(List<AuditEntry> entries, long next) {}

    @GET
    @Path("/events")
    @Transactional
    @Operation(operationId = "listAuditEvents", summary = "Pages through the event log in chain order", description = "Entries with a chain position greater than `after`. Pass the returned `next` as `after` for the following page.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public AuditPage events(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        callers.current().readGlobally("the audit log");
        List<AuditEntry> entries = log.chainedAfter(after, limit).stream().map(AuditEntry::of).toList();
        return new AuditPage(entries, entries.isEmpty() ? after : entries.get(entries.size() - 1).position());
    }

    @GET
    @Path("/verify")
    @Operation(operationId = "verifyAuditChain", summary = "Recomputes the hash chain", description = "Reports whether every entry still matches its hash and, if not, the first position that breaks the chain.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public ChainVerifier.Verification verify() {
        callers.current().readGlobally("the audit log");
        return verifier.verify();
    }

    @Schema(example = "{\"fromPosition\": 1, \"toPosition\": 1}")
    public record RedeliveryRequest(
            @NotNull @Min(1) @Schema(description = "The first chain position to publish again") Long fromPosition,
            @Min(1) @Schema(description = "The last chain position to publish again (at least fromPosition); by default the last "
                    + "published one") Long toPosition,
            @Pattern(regexp = "[A-Za-z0-9._-]{1,249}", message = "must be a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'") @Schema(description = "Only the entries of this topic, one the log holds; by default every topic") String topic) {}

    @POST
    @Path("/redeliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "redeliverAuditEvents", summary = "Publishes a range of the event log again", description = "Sends again, in chain "
            + "order, the entries from `fromPosition` to `toPosition` (by default the last published position) that the relay already "
            + "published, optionally of one `topic` only: each as the same record (topic, key, CloudEvent with the same event id), for a "
            + "consumer rebuilt from nothing or a partner catching up. Consumers apply each event id once. Nothing in the log changes "
            + "(`publishedAt` neither); entries not yet published are skipped: the relay publishes them. One request covers at most "
            + "`jcm.event-log.redelivery-max-entries` positions (10,000): while `complete` is false, send `next` as `fromPosition`. If the "
            + "broker does not acknowledge everything, the answer is 503 `JCM-SYS-002` naming the position to continue from.")
    @RolesAllowed(Caller.OPERATOR)
    public Redeliveries.Redelivery redeliver(@Valid @NotNull RedeliveryRequest request) {
        Caller caller = callers.current();
        caller.actGlobally("redeliver the event log");
        return redeliveries.redeliver(caller.actor(), request.fromPosition(), request.toPosition(), request.topic());
    }
}
