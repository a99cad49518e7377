package org.jcm.registry.platform.eventlog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * One event of this service, as written in the business transaction that caused it and as published.
 * Immutable once written; the chain position, hashes and publication stamp are set once by the relay through
 * SQL, never through this entity.
 */
@Entity
@Immutable
@Table(name = "event_log")
public class EventLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    private String topic;

    @Column(name = "aggregate_type", nullable = false, updatable = false, columnDefinition = "text")
    private String aggregateType;

    @Column(name = "aggregate_id", nullable = false, updatable = false, columnDefinition = "text")
    private String aggregateId;

    @Column(name = "event_type", nullable = false, updatable = false, columnDefinition = "text")
    private String eventType;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    private String message;

    @Column(insertable = false, updatable = false)
    private Long position;

    @Column(name = "prev_hash", insertable = false, updatable = false, columnDefinition = "text")
    private String prevHash;

    @Column(insertable = false, updatable = false, columnDefinition = "text")
    private String hash;

    @Column(name = "chained_at", insertable = false, updatable = false)
    private Instant chainedAt;

    @Column(name = "published_at", insertable = false, updatable = false)
    private Instant publishedAt;

    protected EventLogEntry() {}

    EventLogEntry(UUID eventId, String topic, String aggregateType, String aggregateId, String eventType, Instant occurredAt, String message) {
        this.eventId = eventId;
        this.topic = topic;
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.eventType = eventType;
        this.occurredAt = occurredAt;
        this.message = message;
    }

    public Long seq() {
        return seq;
    }

    public UUID eventId() {
        return eventId;
    }

    public String topic() {
        return topic;
    }

    public String aggregateType() {
        return aggregateType;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public String eventType() {
        return eventType;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String message() {
        return message;
    }

    public Long position() {
        return position;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    public Instant chainedAt() {
        return chainedAt;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    ChainHash.Content content() {
        return new ChainHash.Content(eventId, topic, aggregateType, aggregateId, eventType, occurredAt, message);
    }
}
