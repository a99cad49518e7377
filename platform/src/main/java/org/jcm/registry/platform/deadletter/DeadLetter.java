package org.jcm.registry.platform.deadletter;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A message this service could not process, kept with its reason until an operator replays it. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {

    public enum Status {
        OPEN,
        REPLAYED
    }

    @Id
    private Long id;

    @Column(nullable = false, columnDefinition = "text")
    private String topic;

    @Column(name = "kafka_partition", nullable = false)
    private int partition;

    @Column(name = "kafka_offset", nullable = false)
    private long offset;

    @Column(name = "record_key", columnDefinition = "text")
    private String key;

    @Column(name = "record_value", columnDefinition = "text")
    private String value;

    /** The record's CloudEvents headers ({@code ce_*}, {@code content-type}), as a JSON object: what a binary-mode event carries there. */
    @Column(name = "record_headers", columnDefinition = "text")
    private String headers;

    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "event_type", columnDefinition = "text")
    private String eventType;

    @Column(name = "reason_code", nullable = false, columnDefinition = "text")
    private String reasonCode;

    @Column(nullable = false, columnDefinition = "text")
    private String reason;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(nullable = false)
    private int attempts;

    @Column(nullable = false, columnDefinition = "text")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;

    @Column(name = "replayed_at")
    private Instant replayedAt;

    protected DeadLetter() {}

    public Long id() {
        return id;
    }
    public String topic() {
        return topic;
    }
    public int partition() {
        return partition;
    }
    public long offset() {
        return offset;
    }
    public String key() {
        return key;
    }
    public Map<String, String> headers() {
        try {
            return headers == null ? Map.of() : JSON.readValue(headers, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter " + id + " has unreadable headers", e);
        }
    }

    public String value() {
        return value;
    }
    public UUID eventId() {
        return eventId;
    }
    public String eventType() {
        return eventType;
    }
    public String reasonCode() {
        return reasonCode;
    }
    public String reason() {
        return reason;
    }
    public Instant receivedAt() {
        return receivedAt;
    }
    public int attempts() {
        return attempts;
    }
    public Status status() {
        return status;
    }
    public Instant replayedAt() {
        return replayedAt;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The headers as the JSON the {@code record_headers} column keeps (null when there are none). */
    static String headersJson(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
