package org.jcm.registry.platform.inbox;

import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.partner.PartnerEventTypes;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.deadletter.DeadLetter;
import org.jcm.registry.platform.deadletter.DeadLetters;
import org.jcm.registry.platform.deadletter.Replay;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.DatabaseConstraints;
import org.jcm.registry.platform.problem.Failures;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The one way a service consumes a Kafka record: decode the CloudEvent, check it belongs on its topic, apply it once
 * (event id recorded in the same transaction as the effect), and dead-letter it with its reason if it breaks a rule.
 *
 * <p>A failure of the database is never the record's fault: the consumer stops on it and tries again, backing off,
 * for as long as the outage lasts; only a broken rule or a malformed message is dead-lettered, and a dead letter is
 * acknowledged only once it is stored. A dead-lettered record never blocks its partition: the channel's
 * dead-letter-queue failure strategy publishes it to the service's dead-letter topic and moves on.
 */
@ApplicationScoped
public class InboundProcessor implements Replay {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);

    private final CloudEventCodec codec;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final Instance<InboundHandler<?>> handlers;
    private final PlatformConfig config;
    private final DatabaseConstraints constraints;
    private final EntityManager em;

    public InboundProcessor(CloudEventCodec codec, Inbox inbox, DeadLetters deadLetters, Instance<InboundHandler<?>> handlers, PlatformConfig config,
            DatabaseConstraints constraints, EntityManager em) {
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.handlers = handlers;
        this.config = config;
        this.constraints = constraints;
        this.em = em;
    }

    /**
     * For {@code @Incoming} methods: applies the record with {@code handler}, waiting out any outage of the database;
     * if the record breaks a rule, stores it as a dead letter and throws so the channel dead-letters it too.
     */
    public void process(ConsumerRecord<String, String> record, InboundHandler<?> handler) {
        Backoff backoff = new Backoff(config.inbox().retryBackoff(), config.inbox().maxBackoff());
        int unexpected = 0;
        while (true) {
            Outcome outcome = attempt(record.topic(), record.partition(), record.offset(), record.value(), handler);
            if (!outcome.failed()) {
                return;
            }
            if (outcome.kind() == Outcome.Kind.UNEXPECTED && ++unexpected > config.inbox().retries() && databaseAnswers()) {
                deadLetter(record, outcome, backoff);
            }
            if (outcome.kind() == Outcome.Kind.REFUSED) {
                deadLetter(record, outcome, backoff);
            }
            backoff.await(() -> LOG.warnf("Waiting to apply %s-%d@%d (attempt %d): %s", record.topic(), record.partition(), record.offset(),
                    backoff.attempts(), outcome.reason()));
        }
    }

    /** Stores the dead letter (waiting while the database cannot take it), then throws so the channel acknowledges it to its DLQ. */
    private void deadLetter(ConsumerRecord<String, String> record, Outcome outcome, Backoff backoff) {
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), outcome.reason());
        DeadLetters.Refusal refusal = new DeadLetters.Refusal(outcome.eventId(), outcome.eventType(), outcome.reasonCode(), outcome.reason());
        while (true) {
            try {
                deadLetters.record(record.topic(), record.partition(), record.offset(), record.key(), record.value(), refusal);
                throw new DeadLetteredException(outcome.reason());
            } catch (DeadLetteredException e) {
                throw e;
            } catch (RuntimeException e) {
                // Not acknowledged until an operator can see it: the record waits with the database.
                backoff.await(() -> LOG.warnf("Could not store dead letter %s-%d@%d yet: %s", record.topic(), record.partition(), record.offset(),
                        e.toString()));
            }
        }
    }

    @Override
    public Replay.Result replay(DeadLetter letter) {
        Outcome outcome = attempt(letter.topic(), letter.partition(), letter.offset(), letter.value(), handlerFor(letter.topic()).orElse(null));
        Optional<DeadLetters.Refusal> refusal = outcome.failed()
                ? Optional.of(new DeadLetters.Refusal(outcome.eventId(), outcome.eventType(), outcome.reasonCode(), outcome.reason()))
                : Optional.empty();
        return new Replay.Result(outcome.applied(), outcome.duplicate(), refusal);
    }

    /** Applies one record's value once; never throws for anything the record contains. */
    public Outcome attempt(String topic, int partition, long offset, String value, InboundHandler<?> handler) {
        InboundEvent event = null;
        try {
            event = codec.decode(value);
            InboundEvent decoded = event;
            if (ownedByAnotherService(decoded, topic)) {
                return Outcome.of(Outcome.Kind.PASSED_OVER, event.id(), event.type());
            }
            if (handler == null) {
                throw new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE, "this service applies no events from topic " + topic);
            }
            checkPartnerTopic(decoded, topic);
            Runnable effect = bound(handler, decoded);
            boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                if (!inbox.firstDelivery(decoded, topic, partition, offset)) {
                    return false;
                }
                effect.run();
                return true;
            });
            return Outcome.of(applied ? Outcome.Kind.APPLIED : Outcome.Kind.DUPLICATE, event.id(), event.type());
        } catch (RuntimeException e) {
            UUID id = event == null ? null : event.id();
            String type = event == null ? null : event.type();
            Optional<RuleViolation> violation = Failures.ruleIn(e)
                    // A constraint a racing request reached first is a broken rule, not a transient failure.
                    .or(() -> constraints.violationIn(e))
                    .or(() -> Failures.dataRejection(e));
            if (violation.isPresent()) {
                return new Outcome(Outcome.Kind.REFUSED, id, type, violation.get().rule().code(), violation.get().reason());
            }
            if (Failures.isOutage(e)) {
                return new Outcome(Outcome.Kind.OUTAGE, id, type, PlatformRule.UNAVAILABLE.code(), PlatformRule.UNAVAILABLE.code() + " " + e);
            }
            LOG.errorf(e, "Unexpected failure applying %s-%d@%d", topic, partition, offset);
            return new Outcome(Outcome.Kind.UNEXPECTED, id, type, PlatformRule.INTERNAL.code(),
                    PlatformRule.INTERNAL.code() + " " + PlatformRule.INTERNAL.title() + ": " + e);
        }
    }

    /** The event bound to its record type of the handler's sealed interface, ready to apply; refused if the handler has no such type. */
    private <E> Runnable bound(InboundHandler<E> handler, InboundEvent event) {
        Class<? extends E> type = EventTypes.classOf(handler.events(), event.type()).orElseThrow(() -> new RuleViolation(
                PlatformRule.UNKNOWN_EVENT_TYPE, "'" + event.type() + "' is none of the event types this service applies here: "
                        + EventTypes.of(handler.events()).keySet()));
        E bound = codec.bind(event, type);
        return () -> handler.handle(bound, event);
    }

    /** Whether the database answers now: a failure while it does not is an outage, whatever the exception said. */
    private boolean databaseAnswers() {
        try {
            QuarkusTransaction.requiringNew().timeout(5).call(() -> em.createNativeQuery("SELECT 1").getSingleResult());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Optional<InboundHandler<?>> handlerFor(String topic) {
        for (InboundHandler<?> h : handlers) {
            if (h.handles(topic)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
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
                "'" + event.type() + "' is not a partner event type; known types: " + new TreeSet<>(PartnerEventTypes.OWNER.keySet())));
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

    /** Doubling waits, up to a ceiling, for as long as it takes. */
    static final class Backoff {

        private final long first;
        private final long max;
        private long next;
        private int attempts;

        Backoff(Duration first, Duration max) {
            this.first = first.toNanos();
            this.max = Math.max(first.toNanos(), max.toNanos());
            this.next = this.first;
        }

        void await(Runnable log) {
            attempts++;
            // Log the first waits and then every tenth, so a long outage is visible but not noisy.
            if (attempts <= 3 || attempts % 10 == 0) {
                log.run();
            }
            LockSupport.parkNanos(next);
            next = Math.min(next * 2, max);
        }

        int attempts() {
            return attempts;
        }
    }

    /** Tells the channel to dead-letter the record; its message is the reason the dead-letter topic carries. */
    public static class DeadLetteredException extends RuntimeException {

        public DeadLetteredException(String reason) {
            super(reason, null, false, false);
        }
    }
}
