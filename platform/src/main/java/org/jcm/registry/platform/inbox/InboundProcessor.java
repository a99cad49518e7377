package org.jcm.registry.platform.inbox;

import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.partner.PartnerEventTypes;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.deadletter.DeadLetters;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.DatabaseConstraints;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The one way a service consumes a Kafka record: decode the CloudEvent, check it belongs on its topic, apply
 * it once (event id recorded in the same transaction as the effect), and dead-letter it with its reason
 * otherwise. A dead-lettered record never blocks its partition: the channel's dead-letter-queue failure
 * strategy publishes it to the service's dead-letter topic and moves on.
 */
@ApplicationScoped
public class InboundProcessor {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);

    private final CloudEventCodec codec;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final Instance<InboundHandler> handlers;
    private final PlatformConfig config;
    private final DatabaseConstraints constraints;

    public InboundProcessor(CloudEventCodec codec, Inbox inbox, DeadLetters deadLetters, Instance<InboundHandler> handlers, PlatformConfig config,
            DatabaseConstraints constraints) {
        this.config = config;
        this.constraints = constraints;
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.handlers = handlers;
    }

    /** What became of one attempt to apply a record. */
    public record Outcome(boolean applied, boolean duplicate, UUID eventId, String eventType, String reasonCode, String reason) {
        public boolean failed() {
            return reasonCode != null;
        }
    }

    /** For {@code @Incoming} methods: applies the record, or records it as a dead letter and throws so the channel dead-letters it. */
    public void process(ConsumerRecord<String, String> record) {
        Outcome outcome = attempt(record.topic(), record.partition(), record.offset(), record.value());
        long backoff = config.inbox().retryBackoff().toNanos();
        for (int retry = 1; retry <= config.inbox().retries() && outcome.failed() && isTransient(outcome); retry++) {
            // Holding the partition for a moment beats dead-lettering what a second attempt would apply.
            LOG.infof("Retrying %s-%d@%d (%d of %d): %s", record.topic(), record.partition(), record.offset(), retry,
                    config.inbox().retries(), outcome.reason());
            LockSupport.parkNanos(backoff);
            backoff *= 2;
            outcome = attempt(record.topic(), record.partition(), record.offset(), record.value());
        }
        if (outcome.failed()) {
            LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), outcome.reason());
            try {
                deadLetters.record(record.topic(), record.partition(), record.offset(), record.key(), record.value(), outcome);
            } catch (RuntimeException e) {
                // The dead-letter topic still gets it (the exception below); the operator list catches up on replay tooling.
                LOG.errorf(e, "Could not store dead letter %s-%d@%d", record.topic(), record.partition(), record.offset());
            }
            throw new DeadLetteredException(outcome.reason());
        }
    }

    /** Applies one record's value; never throws for anything the record contains. */
    public Outcome attempt(String topic, int partition, long offset, String value) {
        InboundEvent event = null;
        try {
            event = codec.decode(value);
            InboundEvent decoded = event;
            if (ownedByAnotherService(decoded, topic)) {
                return new Outcome(false, false, event.id(), event.type(), null, null);
            }
            InboundHandler handler = handlerFor(topic);
            checkPartnerTopic(decoded, topic);
            boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                if (!inbox.firstDelivery(decoded, topic, partition, offset)) {
                    return false;
                }
                handler.handle(decoded, topic);
                return true;
            });
            return new Outcome(applied, !applied, event.id(), event.type(), null, null);
        } catch (RuntimeException e) {
            RuleViolation violation = ruleViolationIn(e);
            if (violation == null) {
                // A constraint a racing request reached first is a broken rule, not a transient failure.
                violation = constraints.violationIn(e).orElse(null);
            }
            UUID id = event == null ? null : event.id();
            String type = event == null ? null : event.type();
            if (violation != null) {
                return new Outcome(false, false, id, type, violation.rule().code(), violation.reason());
            }
            LOG.errorf(e, "Unexpected failure applying %s-%d@%d", topic, partition, offset);
            return new Outcome(false, false, id, type, PlatformRule.INTERNAL.code(),
                    PlatformRule.INTERNAL.code() + " " + PlatformRule.INTERNAL.title() + ": " + e);
        }
    }

    /** A failure no rule explains (the database, the network): another attempt may well succeed. */
    private static boolean isTransient(Outcome outcome) {
        return PlatformRule.INTERNAL.code().equals(outcome.reasonCode());
    }

    private InboundHandler handlerFor(String topic) {
        for (InboundHandler h : handlers) {
            if (h.handles(topic)) {
                return h;
            }
        }
        throw new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE, "this service applies no events from topic " + topic);
    }

    /**
     * Partner topics carry events for all three services: one that another service applies is passed over here,
     * one that no service knows is refused.
     */
    private boolean ownedByAnotherService(InboundEvent event, String topic) {
        if (Topics.partnerOfInboundTopic(topic).isEmpty()) {
            return false;
        }
        String owner = PartnerEventTypes.ownerOf(event.type()).orElseThrow(() -> new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE,
                "'" + event.type() + "' is not a partner event type; known types: " + new java.util.TreeSet<>(PartnerEventTypes.OWNER.keySet())));
        return !owner.equals(config.serviceName());
    }

    /** A partner system may speak only for its own country: the body's {@code country} must be its topic's. */
    private static void checkPartnerTopic(InboundEvent event, String topic) {
        Topics.partnerOfInboundTopic(topic).ifPresent(topicCountry -> {
            String country = event.data().path("country").asText("");
            if (!topicCountry.equals(country)) {
                throw new RuleViolation(PlatformRule.COUNTRY_MISMATCH, "event " + event.id() + " names country '" + country
                        + "' but arrived on the inbound topic of " + topicCountry);
            }
        });
    }

    private static RuleViolation ruleViolationIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleViolation v) {
                return v;
            }
        }
        return null;
    }

    /** Tells the channel to dead-letter the record; its message is the reason the dead-letter topic carries. */
    public static class DeadLetteredException extends RuntimeException {
        public DeadLetteredException(String reason) {
            super(reason, null, false, false);
        }
    }
}
