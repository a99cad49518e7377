package org.jcm.registry.platform.eventlog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.problem.Checks;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * Publishes a range of the event log again, for a consumer rebuilt from nothing or a partner catching up: the entries the
 * relay already published, in chain order, each as the same record (topic, key, CloudEvent with its event id) through
 * the relay's producer. Nothing in the log changes, not even {@code published_at}; entries the relay has not published
 * yet are its own to publish and are skipped. Consumers apply each event id once, so sending an entry again is harmless,
 * and a request the broker did not fully acknowledge is simply sent again. An entry too large for the producer ever to send
 * (written behind the service's back, then marked published by an operator so that it no longer holds the relay up) never
 * reached a topic; it is passed over and counted.
 */
@ApplicationScoped
public class Redeliveries {

    private static final Logger LOG = Logger.getLogger(Redeliveries.class);

    private final EntityManager em;
    private final EventPublisher publisher;
    private final PlatformConfig config;

    public Redeliveries(EntityManager em, EventPublisher publisher, PlatformConfig config) {
        this.em = em;
        this.publisher = publisher;
        this.config = config;
    }

    /** What one request did. */
    public record Redelivery(
            @Schema(description = "As asked") long fromPosition,
            @Schema(description = "The end of the range: the one asked for, or the last published position if that is lower (below "
                    + "fromPosition: nothing from there on is published yet)") long toPosition,
            @Schema(description = "The topic asked for, if any") String topic,
            @Schema(description = "Entries the broker acknowledged again") long redelivered,
            @Schema(description = "Entries of the range the relay has not published yet: skipped, the relay publishes them") long unpublished,
            @Schema(description = "Published entries too large for the producer ever to send (written behind the service's back and "
                    + "marked published by an operator): skipped, as they never reached a topic") long oversized,
            @Schema(description = "The fromPosition of the request that continues this one") long next,
            @Schema(description = "Whether next lies past toPosition: the whole range was redelivered") boolean complete) {}

    private record Row(EventPublisher.Outgoing entry, boolean published) {}

    /**
     * Sends again the published entries from {@code from} to {@code to} (or the last published one), of {@code topic} only
     * if given, covering at most {@code jcm.event-log.redelivery-max-entries} positions. Refuses a reversed range or a topic
     * the log holds no entry of (both {@code JCM-REQ-001}); answers {@code JCM-SYS-002} with the position to continue
     * from if the broker did not acknowledge everything.
     */
    public Redelivery redeliver(String actor, long from, Long to, String topic) {
        Checks checks = new Checks();
        checks.run(() -> {
            if (to != null && to < from) {
                throw new RuleViolation(PlatformRule.INVALID_REQUEST,
                        "toPosition " + to + " lies before fromPosition " + from + ": give a range from the lower position to the higher one");
            }
        });
        checks.run(() -> {
            if (topic != null && !holdsTopic(topic)) {
                throw new RuleViolation(PlatformRule.INVALID_REQUEST,
                        "the event log of " + config.serviceName() + " holds no published entry on topic '"
                                + topic + "'; its topics are " + topics());
            }
        });
        checks.throwIfFailed();

        long lastPublished = lastPublished();
        long end = to == null ? lastPublished : Math.min(to, lastPublished);
        if (end < from) {
            LOG.infof("%s asked to redeliver the event log from position %d%s: nothing from there on is published yet", actor, from, about(topic));
            return new Redelivery(from, end, topic, 0, 0, 0, from, true);
        }
        int maxEntries = config.eventLog().redeliveryMaxEntries();
        long windowEnd = end - from >= maxEntries ? from + maxEntries - 1 : end;
        int batchSize = config.eventLog().relayBatchSize();
        long redelivered = 0;
        long unpublished = 0;
        long oversized = 0;
        long cursor = from;
        while (cursor <= windowEnd) {
            List<Row> rows = page(cursor, windowEnd, topic, batchSize);
            List<EventPublisher.Outgoing> batch = new ArrayList<>(rows.size());
            for (Row r : rows) {
                if (!r.published()) {
                    unpublished++;
                } else if (!publisher.fitsARequest(r.entry())) {
                    oversized++;
                    LOG.warnf("Redelivery passes over position %d (event %s): too large for the producer ever to send", r.entry().position(),
                            r.entry().eventId());
                } else {
                    batch.add(r.entry());
                }
            }
            List<EventPublisher.Outgoing> acknowledged;
            try {
                acknowledged = publisher.send(batch);
            } catch (RuntimeException e) {
                // The producer failed as a whole, or the relay renewed it under this request after a failed batch of its own.
                LOG.warnf("Redelivery could not send from position %d: %s", batch.get(0).position(), e.toString());
                acknowledged = List.of();
            }
            if (acknowledged.size() < batch.size()) {
                EventPublisher.Outgoing refused = firstNotAcknowledged(batch, acknowledged);
                long inOrder = redelivered + batch.indexOf(refused);
                // A fresh producer for what comes next, as the relay does after a failed batch.
                publisher.closeProducer();
                LOG.warnf(
                        "%s's redelivery of positions %d..%d%s stopped at position %d, which the broker did not acknowledge; redelivered before it: %d",
                        actor, from, windowEnd, about(topic), refused.position(), inOrder);
                String wentOut = refused.position() == from
                        ? ""
                        : "; the published entries from position " + from + " up to " + (refused.position() - 1) + " went out again (" + inOrder
                                + ")";
                throw new RuleViolation(PlatformRule.UNAVAILABLE, "The broker did not acknowledge the entry at position " + refused.position()
                        + " (topic " + refused.topic() + ")" + wentOut + ". Nothing in the event log changed. Send the request again with "
                        + "fromPosition " + refused.position() + " in a few seconds: consumers apply each event id once, so entries sent twice do "
                        + "no harm. If the broker refuses that entry for good (its topic's ACLs, say), fix that or go on from "
                        + (refused.position() + 1) + ".");
            }
            redelivered += batch.size();
            if (rows.size() < batchSize) {
                break;
            }
            cursor = rows.get(rows.size() - 1).entry().position() + 1;
        }
        long next = windowEnd + 1;
        LOG.infof("%s redelivered the event log from position %d to %d%s: %d entries (skipped: %d not yet published, %d oversized); the range "
                + "ends at %d", actor, from, windowEnd, about(topic), redelivered, unpublished, oversized, end);
        return new Redelivery(from, end, topic, redelivered, unpublished, oversized, next, next > end);
    }

    private static String about(String topic) {
        return topic == null ? "" : " on topic " + topic;
    }

    private static EventPublisher.Outgoing firstNotAcknowledged(List<EventPublisher.Outgoing> sent, List<EventPublisher.Outgoing> acknowledged) {
        Set<UUID> acked = new HashSet<>();
        acknowledged.forEach(a -> acked.add(a.eventId()));
        return sent.stream().filter(s -> !acked.contains(s.eventId())).findFirst().orElseThrow();
    }

    private boolean holdsTopic(String topic) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT EXISTS (SELECT 1 FROM event_log WHERE topic = ?1 AND published_at IS NOT NULL)")
                .setParameter(1, topic).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private List<String> topics() {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) em.createNativeQuery(
                "SELECT DISTINCT topic FROM event_log WHERE published_at IS NOT NULL ORDER BY topic").getResultList());
    }

    private long lastPublished() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object max = em.createNativeQuery("SELECT max(position) FROM event_log WHERE published_at IS NOT NULL").getSingleResult();
            return max == null ? 0L : ((Number) max).longValue();
        });
    }

    /** Chained entries from {@code from} to {@code to}, in chain order, each page in its own short transaction: constant memory. */
    @SuppressWarnings("unchecked")
    private List<Row> page(long from, long to, String topic, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery("SELECT seq, position, event_id, topic, aggregate_id, message, published_at IS NOT NULL FROM event_log "
                    + "WHERE position >= ?1 AND position <= ?2" + (topic == null ? "" : " AND topic = ?4") + " ORDER BY position LIMIT ?3")
                    .setParameter(1, from)
                    .setParameter(2, to)
                    .setParameter(3, limit);
            if (topic != null) {
                query.setParameter(4, topic);
            }
            return ((List<Object[]>) query.getResultList()).stream()
                    .map(r -> new Row(
                            new EventPublisher.Outgoing(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (UUID) r[2], (String) r[3],
                                    (String) r[4], (String) r[5]),
                            (Boolean) r[6]))
                    .toList();
        });
    }
}
