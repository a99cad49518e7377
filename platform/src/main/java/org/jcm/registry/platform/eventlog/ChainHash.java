package org.jcm.registry.platform.eventlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The event log's hash chain: each entry's SHA-256 covers the previous entry's hash, its own position and
 * its canonical content. Every field is length-prefixed, so no two different entries share a canonical form.
 */
public final class ChainHash {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    /** What of an entry the chain covers: everything but the chain bookkeeping itself. */
    public record Content(UUID eventId, String topic, String aggregateType, String aggregateId, String eventType, Instant occurredAt,
            String message) {}

    public static String of(String prevHash, long position, Content c) {
        StringBuilder canonical = new StringBuilder(c.message().length() + 256);
        field(canonical, prevHash);
        field(canonical, Long.toString(position));
        field(canonical, c.eventId().toString());
        field(canonical, c.topic());
        field(canonical, c.aggregateType());
        field(canonical, c.aggregateId());
        field(canonical, c.eventType());
        field(canonical, DateTimeFormatter.ISO_INSTANT.format(c.occurredAt()));
        field(canonical, c.message());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static void field(StringBuilder sb, String value) {
        sb.append(value.length()).append(':').append(value).append(';');
    }
}
