package org.jcm.registry.platform.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.platform.security.Callers;

/** The service's event log as auditors read it, and a verification of its hash chain. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The service's append-only, hash-chained event log")
public class AuditResource {

    private final EventLog log;
    private final ChainVerifier verifier;
    private final Callers callers;

    public AuditResource(EventLog log, ChainVerifier verifier, Callers callers) {
        this.log = log;
        this.verifier = verifier;
        this.callers = callers;
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
}
