package org.jcm.registry.platform.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One event of an aggregate's history as its event log keeps it: the aggregate's version after it (its events so far),
 * who made the change, whether it is published yet, and the event body as published.
 */
public record HistoryEntry(long version, UUID eventId, String type, Instant time, String actor, Long position, boolean published, JsonNode data) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static HistoryEntry of(EventLogEntry e, long version) {
        JsonNode data;
        try {
            data = MAPPER.readTree(e.message()).path("data");
        } catch (IOException ex) {
            throw new UncheckedIOException("Unreadable event log entry " + e.seq(), ex);
        }
        return new HistoryEntry(version, e.eventId(), e.eventType(), e.occurredAt(), data.path("actor").asText(null), e.position(),
                e.publishedAt() != null, data);
    }
}
