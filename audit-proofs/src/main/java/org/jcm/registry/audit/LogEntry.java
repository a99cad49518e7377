package org.jcm.registry.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One chained entry of a service's event log, as exported (one line of the JSON-lines export).
 *
 * <p>
 * Its canonical form is, for each of prevHash, position, eventId, topic, aggregateType, aggregateId, eventType,
 * occurredAt and message in that order: the decimal UTF-8 byte length of the field, {@code :}, the field's UTF-8
 * bytes, {@code ;}. The chain hash is SHA-256 of the canonical form; the Merkle leaf hash is SHA-256 of 0x00 and the
 * canonical form.
 *
 * @param position from 1
 * @param occurredAt the ISO-8601 instant exactly as hashed (DateTimeFormatter.ISO_INSTANT output)
 * @param prevHash the hash of the entry before, {@link #GENESIS} for position 1
 * @param hash lower-case hex SHA-256 of the canonical form
 */
public record LogEntry(long position, String eventId, String topic, String aggregateType, String aggregateId, String eventType,
        String occurredAt, String message, String prevHash, String hash) {

    /** The previous hash of the entry at position 1. */
    public static final String GENESIS = "0".repeat(64);

    private static final Set<String> KEYS = Set.of("position", "eventId", "topic", "aggregateType", "aggregateId", "eventType",
            "occurredAt", "message", "prevHash", "hash");

    public LogEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** An entry chained after prevHash, its hash computed. */
    public static LogEntry chained(String prevHash, long position, String eventId, String topic, String aggregateType,
            String aggregateId, String eventType, String occurredAt, String message) {
        return new LogEntry(position, eventId, topic, aggregateType, aggregateId, eventType, occurredAt, message, prevHash,
                chainHash(prevHash, position, eventId, topic, aggregateType, aggregateId, eventType, occurredAt, message));
    }

    public static byte[] canonical(String prevHash, long position, String eventId, String topic, String aggregateType,
            String aggregateId, String eventType, String occurredAt, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length() + 256);
        field(out, prevHash);
        field(out, Long.toString(position));
        field(out, eventId);
        field(out, topic);
        field(out, aggregateType);
        field(out, aggregateId);
        field(out, eventType);
        field(out, occurredAt);
        field(out, message);
        return out.toByteArray();
    }

    public byte[] canonical() {
        return canonical(prevHash, position, eventId, topic, aggregateType, aggregateId, eventType, occurredAt, message);
    }

    public static String chainHash(String prevHash, long position, String eventId, String topic, String aggregateType,
            String aggregateId, String eventType, String occurredAt, String message) {
        return Hex.hex(Sha256.of(canonical(prevHash, position, eventId, topic, aggregateType, aggregateId, eventType, occurredAt, message)));
    }

    /** The chain hash recomputed from this entry's content (which {@link #hash} should equal). */
    public String recomputedHash() {
        return Hex.hex(Sha256.of(canonical()));
    }

    /** The Merkle leaf hash: SHA-256(0x00 || canonical()). */
    public byte[] leafHash() {
        return Merkle.leafHash(canonical());
    }

    public String toJson() {
        return Json.write(toNode());
    }

    ObjectNode toNode() {
        ObjectNode o = Json.object();
        o.put("position", position);
        o.put("eventId", eventId);
        o.put("topic", topic);
        o.put("aggregateType", aggregateType);
        o.put("aggregateId", aggregateId);
        o.put("eventType", eventType);
        o.put("occurredAt", occurredAt);
        o.put("message", message);
        o.put("prevHash", prevHash);
        o.put("hash", hash);
        return o;
    }

    public static LogEntry fromJson(String line) {
        return fromNode(Json.parse(line, "log entry"));
    }

    static LogEntry fromNode(JsonNode node) {
        String w = "log entry";
        Json.object(node, w, KEYS);
        return new LogEntry(Json.number(node, "position", w), Json.text(node, "eventId", w), Json.text(node, "topic", w),
                Json.text(node, "aggregateType", w), Json.text(node, "aggregateId", w), Json.text(node, "eventType", w),
                Json.text(node, "occurredAt", w), Json.text(node, "message", w), Json.text(node, "prevHash", w), Json.text(node, "hash", w));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
        out.write(';');
    }
}
