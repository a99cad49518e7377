package org.jcm.registry.platform.eventlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

import org.jcm.registry.audit.LogEntry;

/**
 * The event log's hash chain: each entry's SHA-256 covers the previous entry's hash, its own position and its canonical
 * content. The canonical form is the audit-proofs library's ({@link LogEntry#canonical}), documented byte for byte in
 * audit-proofs/README.md so that an auditor can check the chain with a program of their own: every field is prefixed with
 * its length in UTF-8 bytes, so no two different entries share a canonical form.
 */
public final class ChainHash {

    /** The previous hash of the first entry. */
    public static final String GENESIS = LogEntry.GENESIS;

    private ChainHash() {}

    /** What of an entry the chain covers: everything but the chain bookkeeping itself. */
    public record Content(UUID eventId, String topic, String aggregateType, String aggregateId, String eventType, Instant occurredAt,
            String message) {}

    public static String of(String prevHash, long position, Content c) {
        return sha256Hex(LogEntry.canonical(prevHash, position, c.eventId().toString(), c.topic(), c.aggregateType(), c.aggregateId(),
                c.eventType(), instant(c.occurredAt()), c.message()));
    }

    /** An instant as the canonical form writes it (ISO-8601, UTC, as many fraction digits as it has). */
    static String instant(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }

    static String sha256Hex(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
