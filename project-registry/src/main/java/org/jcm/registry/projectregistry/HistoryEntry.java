package org.jcm.registry.projectregistry;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.platform.eventlog.EventLogEntry;

/** One event of an aggregate's history as the event log keeps it: the CloudEvent's attributes and its body. */
public record HistoryEntry(long seq, Long position, UUID eventId, String type, Instant occurredAt, String topic, JsonNode data) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static HistoryEntry of(EventLogEntry e) {
        JsonNode data;
        try {
            data = MAPPER.readTree(e.message()).path("data");
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Unreadable event log entry " + e.seq(), ex);
        }
        return new HistoryEntry(e.seq(), e.position(), e.eventId(), e.eventType(), e.occurredAt(), e.topic(), data);
    }
}
