package org.jcm.registry.platform.eventlog;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jcm.registry.audit.LogEntry;
import org.jcm.registry.audit.SignedCheckpoint;
import org.jcm.registry.contract.audit.LogCheckpointSigned;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.idempotency.Idempotent;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;
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
    private final Checkpoints checkpoints;
    private final Proofs proofs;
    private final AuditKeys keys;
    private final EventLogRelay relay;
    private final PlatformConfig config;

    /** JSON lines: one JSON object per line. */
    static final String JSON_LINES = "application/x-ndjson";
    static final String PEM = "application/x-pem-file";

    public AuditResource(EventLog log, ChainVerifier verifier, Callers callers, Redeliveries redeliveries, Checkpoints checkpoints, Proofs proofs,
            AuditKeys keys, EventLogRelay relay, PlatformConfig config) {
        this.log = log;
        this.verifier = verifier;
        this.callers = callers;
        this.redeliveries = redeliveries;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.keys = keys;
        this.relay = relay;
        this.config = config;
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

    // ---- Audit trust: signed checkpoints of the log's Merkle tree, and the proofs an auditor checks offline ----

    @Schema(description = "An entry of the event log as exported: exactly the fields its chain hash and Merkle leaf cover (canonical form: audit-proofs/README.md)")
    public record ExportedEntry(long position, String eventId, String topic, String aggregateType, String aggregateId, String eventType,
            String occurredAt, @Schema(description = "The CloudEvent as published, as a string: its exact bytes are hashed") String message,
            String prevHash, String hash) {}

    @Schema(description = "The proof that one entry is in the log of a signed checkpoint (RFC 9162 inclusion proof)")
    public record InclusionProofDocument(LogCheckpointSigned checkpoint, ExportedEntry entry, long leafIndex, long treeSize,
            @Schema(description = "Sibling hashes from the entry's leaf up to the root, lower-case hex") List<String> auditPath) {}

    @Schema(description = "The proof that the log of the first checkpoint is a prefix of the log of the second (RFC 9162 consistency proof)")
    public record ConsistencyProofDocument(LogCheckpointSigned first, LogCheckpointSigned second,
            @Schema(description = "Subtree hashes, lower-case hex") List<String> proof) {}

    @GET
    @Path("/public-key")
    @Produces(PEM)
    @PermitAll
    @Operation(operationId = "getAuditPublicKey", summary = "The key that signs this service's checkpoints", description = "The Ed25519 public "
            + "key (X.509 SubjectPublicKeyInfo, PEM) every checkpoint of this service's event log is signed with. Public: anyone holding a "
            + "checkpoint checks its signature with it. Its key id is the first 8 bytes of the SHA-256 of the key's DER encoding, hex.")
    public String publicKey() {
        return keys.publicPem();
    }

    @GET
    @Path("/checkpoints")
    @Operation(operationId = "listAuditCheckpoints", summary = "Pages through the signed checkpoints", description = "Checkpoints of trees larger "
            + "than `after` entries, smallest first: each signs the size and Merkle root of the event log at a moment. The same checkpoints "
            + "are published on the service's checkpoint topic and every ACTIVE partner's outbound topic.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public List<LogCheckpointSigned> checkpoints(@QueryParam("after") @DefaultValue("-1") @Min(-1) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) throws SQLException {
        callers.current().readGlobally("the audit log");
        return checkpoints.after(after, limit).stream().map(Checkpoints::event).toList();
    }

    @GET
    @Path("/checkpoints/latest")
    @Operation(operationId = "getLatestAuditCheckpoint", summary = "The latest signed checkpoint", description = "The checkpoint of the largest "
            + "tree signed so far; 409 `JCM-AUD-003` if none has been signed yet.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public LogCheckpointSigned latestCheckpoint() throws SQLException {
        callers.current().readGlobally("the audit log");
        return Checkpoints.event(checkpoints.requireLatest());
    }

    @GET
    @Path("/checkpoints/{treeSize}")
    @Operation(operationId = "getAuditCheckpoint", summary = "The checkpoint of one tree size", description = "404 `JCM-AUD-002` if no "
            + "checkpoint was signed at that size.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    public LogCheckpointSigned checkpoint(@PathParam("treeSize") @Min(0) long treeSize) throws SQLException {
        callers.current().readGlobally("the audit log");
        return Checkpoints.event(checkpoints.requireAt(treeSize));
    }

    @POST
    @Path("/checkpoints")
    @Operation(operationId = "signAuditCheckpoint", summary = "Signs a checkpoint of the log now", description = "Chains what was committed, "
            + "then signs the tree head if the log grew since the latest checkpoint, publishes it, and answers the latest checkpoint "
            + "(the same one again if nothing was appended since). Checkpoints are also signed on their own every "
            + "`jcm.audit.checkpoint-interval` (60 s) while the log grows. 503 `JCM-SYS-002` while another replica leads the relay.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    @Idempotent
    public LogCheckpointSigned signCheckpoint() throws SQLException {
        callers.current().readGlobally("the audit log");
        relay.chainPending();
        SignedCheckpoint signed = checkpoints.signIfGrown().orElseThrow(() -> new RuleViolation(PlatformRule.UNAVAILABLE,
                "another replica of the service leads the event log's relay; ask again"));
        checkpoints.publishSoon();
        return Checkpoints.event(signed);
    }

    @GET
    @Path("/proofs/inclusion")
    @Operation(operationId = "proveAuditInclusion", summary = "Proves that an entry is in a signed checkpoint", description = "The entry at "
            + "`position`, or the entry of the event `eventId` (e.g. the `CreditsIssued` of one issuance), with its Merkle audit path to the "
            + "root of the checkpoint of `treeSize` entries (by default the latest). Save the answer and check it offline: `java -jar "
            + "jcm-audit-verifier.jar inclusion --proof FILE --key KEY` (audit-proofs/README.md).")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    @APIResponse(responseCode = "200", description = "The proof", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InclusionProofDocument.class)))
    public String proveInclusion(@QueryParam("position") @Min(1) Long position, @QueryParam("eventId") UUID eventId,
            @QueryParam("treeSize") @Min(1) Long treeSize) throws SQLException {
        callers.current().readGlobally("the audit log");
        if ((position == null) == (eventId == null)) {
            throw new RuleViolation(PlatformRule.INVALID_REQUEST, "name the entry by exactly one of position and eventId");
        }
        Optional<Long> size = Optional.ofNullable(treeSize);
        return (position != null ? proofs.inclusion(position, size) : proofs.inclusionOf(eventId, size)).toJson();
    }

    @GET
    @Path("/proofs/consistency")
    @Operation(operationId = "proveAuditConsistency", summary = "Proves that one checkpoint's log is a prefix of another's", description = "The "
            + "RFC 9162 consistency proof between the checkpoints of `first` and `second` entries: the log the first one signed was only "
            + "appended to, never rewritten. Check it offline: `java -jar jcm-audit-verifier.jar consistency --proof FILE --key KEY`.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    @APIResponse(responseCode = "200", description = "The proof", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsistencyProofDocument.class)))
    public String proveConsistency(@QueryParam("first") @Min(1) Long first, @QueryParam("second") @Min(1) Long second) throws SQLException {
        callers.current().readGlobally("the audit log");
        if (first == null || second == null) {
            throw new RuleViolation(PlatformRule.INVALID_REQUEST, "name both checkpoints by their tree sizes: first and second");
        }
        return proofs.consistency(first, second).toJson();
    }

    @GET
    @Path("/export")
    @Produces(JSON_LINES)
    @Operation(operationId = "exportAuditLog", summary = "Exports the log as JSON lines", description = "Chained entries from position `from` on, "
            + "one JSON object per line in chain order, as the offline verifier reads them: at most `limit` (and at most "
            + "`jcm.audit.export-max-entries`, 10,000) per request; ask again from the last position + 1 until an answer has fewer lines.")
    @RolesAllowed({Caller.AUDITOR, Caller.OPERATOR})
    @APIResponse(responseCode = "200", description = "One ExportedEntry per line", content = @Content(mediaType = JSON_LINES, schema = @Schema(implementation = ExportedEntry.class)))
    public String export(@QueryParam("from") @DefaultValue("1") @Min(1) long from,
            @QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(1000000) int limit) throws SQLException {
        callers.current().readGlobally("the audit log");
        StringBuilder lines = new StringBuilder();
        for (LogEntry entry : proofs.export(from, Math.min(limit, config.audit().exportMaxEntries()))) {
            lines.append(entry.toJson()).append('\n');
        }
        return lines.toString();
    }
}
