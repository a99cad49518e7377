package org.jcm.registry.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.partner.PartnerAnswer;
import org.jcm.registry.contract.partner.PartnerEventTypes;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.deadletter.DeadLetter;
import org.jcm.registry.platform.deadletter.DeadLetters;
import org.jcm.registry.platform.deadletter.Replay;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.messaging.MalformedEventException;
import org.jcm.registry.platform.problem.DatabaseConstraints;
import org.jcm.registry.platform.problem.Failures;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The one way a service consumes a Kafka record: decode the CloudEvent (structured or binary mode), check it belongs on
 * its topic, apply it once (event id recorded in the same transaction as the effect), and dead-letter it with its reason
 * if it breaks a rule. On a partner topic, which every service reads, exactly one service handles each record: the
 * owner of its type, or {@link PartnerEventTypes#UNREADABLE_OWNER} for what no service can read; that service also
 * answers the partner on its outbound topic, whatever the outcome.
 *
 * <p>A failure of the database is never the record's fault: the consumer stops on it and tries again, backing off, for
 * as long as the outage lasts; a dead letter is acknowledged only once it is stored. A dead-lettered record never
 * blocks its partition: the channel's dead-letter-queue failure strategy publishes it to the service's dead-letter
 * topic and moves on.
 */
@ApplicationScoped
public class InboundProcessor implements Replay {

    private static final Logger LOG = Logger.getLogger(InboundProcessor.class);

    private final CloudEventCodec codec;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final PartnerAnswers answers;
    private final PartnerSenders senders;
    private final Instance<InboundHandler<?>> handlers;
    private final PlatformConfig config;
    private final DatabaseConstraints constraints;
    private final EntityManager em;

    public InboundProcessor(CloudEventCodec codec, Inbox inbox, DeadLetters deadLetters, PartnerAnswers answers, PartnerSenders senders,
            Instance<InboundHandler<?>> handlers, PlatformConfig config, DatabaseConstraints constraints, EntityManager em) {
        this.senders = senders;
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.answers = answers;
        this.handlers = handlers;
        this.config = config;
        this.constraints = constraints;
        this.em = em;
    }

    /** One consumed record: where it came from, and what it carries. */
    public record Delivery(String topic, int partition, long offset, String key, Map<String, String> headers, String value) {

        static Delivery of(ConsumerRecord<String, String> record) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : record.headers()) {
                if (CloudEventCodec.isEventHeader(h.key()) && h.value() != null) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            return new Delivery(record.topic(), record.partition(), record.offset(), record.key(), headers, record.value());
        }

        boolean onPartnerTopic() {
            return Topics.partnerOfInboundTopic(topic).isPresent();
        }
    }

    /**
     * For {@code @Incoming} methods: applies the record with {@code handler}, waiting out any outage of the database; if
     * the record breaks a rule, stores it as a dead letter and throws so the channel dead-letters it too.
     */
    public void process(ConsumerRecord<String, String> record, InboundHandler<?> handler) {
        Delivery delivery = Delivery.of(record);
        Backoff backoff = new Backoff(config.inbox().retryBackoff(), config.inbox().maxBackoff());
        int unexpected = 0;
        while (true) {
            Attempt attempt = attempt(delivery, handler);
            Outcome.Kind kind = attempt.outcome().kind();
            if (!attempt.outcome().failed()) {
                return;
            }
            if (kind == Outcome.Kind.REFUSED || kind == Outcome.Kind.UNEXPECTED && ++unexpected > config.inbox().retries() && databaseAnswers()) {
                deadLetter(delivery, attempt, backoff);
            }
            backoff.await(() -> LOG.warnf("Waiting to apply %s-%d@%d (attempt %d): %s", delivery.topic(), delivery.partition(), delivery.offset(),
                    backoff.attempts(), attempt.outcome().reason()));
        }
    }

    /** Stores the dead letter and its answer (waiting while the database cannot take them), then throws so the channel dead-letters it. */
    private void deadLetter(Delivery d, Attempt attempt, Backoff backoff) {
        Outcome outcome = attempt.outcome();
        LOG.warnf("Dead-lettering %s-%d@%d: %s", d.topic(), d.partition(), d.offset(), outcome.reason());
        DeadLetters.Refusal refusal = new DeadLetters.Refusal(outcome.eventId(), outcome.eventType(), outcome.reasonCode(), outcome.reason());
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    deadLetters.record(d.topic(), d.partition(), d.offset(), d.key(), d.headers(), d.value(), refusal);
                    answers.answer(d.topic(), d.partition(), d.offset(), attempt.event(), PartnerAnswer.Outcome.REFUSED, outcome.reasonCode(),
                            outcome.reason());
                });
                break;
            } catch (RuntimeException e) {
                // Not acknowledged until an operator can see it: the record waits with the database.
                backoff.await(() -> LOG.warnf("Could not store dead letter %s-%d@%d yet: %s", d.topic(), d.partition(), d.offset(), e.toString()));
            }
        }
        throw new DeadLetteredException(outcome.reason());
    }

    @Override
    public Replay.Result replay(DeadLetter letter) {
        Delivery d = new Delivery(letter.topic(), letter.partition(), letter.offset(), letter.key(), letter.headers(), letter.value());
        Outcome outcome = attempt(d, handlerFor(letter.topic()).orElse(null)).outcome();
        Optional<DeadLetters.Refusal> refusal = outcome.failed()
                ? Optional.of(new DeadLetters.Refusal(outcome.eventId(), outcome.eventType(), outcome.reasonCode(), outcome.reason()))
                : Optional.empty();
        return new Replay.Result(outcome.applied(), outcome.duplicate(), refusal);
    }

    /** What one attempt made of a record: the event, if it could be read, and the outcome. */
    record Attempt(InboundEvent event, Outcome outcome) {}

    /** Applies one record once; never throws for anything the record contains. */
    Attempt attempt(Delivery d, InboundHandler<?> handler) {
        InboundEvent event = null;
        try {
            try {
                event = codec.decode(d.headers(), d.value());
            } catch (MalformedEventException unreadable) {
                if (d.onPartnerTopic() && !isUnreadableOwner()) {
                    return new Attempt(null, Outcome.of(Outcome.Kind.PASSED_OVER, null, null));
                }
                throw unreadable;
            }
            InboundEvent decoded = event;
            if (ownedByAnotherService(decoded, d.topic())) {
                return new Attempt(event, Outcome.of(Outcome.Kind.PASSED_OVER, event.id(), event.type()));
            }
            if (handler == null) {
                throw new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE, "this service applies no events from topic " + d.topic());
            }
            Runnable effect = bound(handler, decoded);
            boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                senders.check(decoded, d.topic());
                boolean first = inbox.firstDelivery(decoded, d.topic(), d.partition(), d.offset());
                if (first) {
                    effect.run();
                }
                answers.answer(d.topic(), d.partition(), d.offset(), decoded, first ? PartnerAnswer.Outcome.APPLIED : PartnerAnswer.Outcome.DUPLICATE,
                        null, null);
                return first;
            });
            return new Attempt(event, Outcome.of(applied ? Outcome.Kind.APPLIED : Outcome.Kind.DUPLICATE, event.id(), event.type()));
        } catch (RuntimeException e) {
            return new Attempt(event, failure(e, event, d));
        }
    }

    private Outcome failure(RuntimeException e, InboundEvent event, Delivery d) {
        var id = event == null ? null : event.id();
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
        LOG.errorf(e, "Unexpected failure applying %s-%d@%d", d.topic(), d.partition(), d.offset());
        return new Outcome(Outcome.Kind.UNEXPECTED, id, type, PlatformRule.INTERNAL.code(),
                PlatformRule.INTERNAL.code() + " " + PlatformRule.INTERNAL.title() + ": " + e);
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

    private boolean isUnreadableOwner() {
        return PartnerEventTypes.UNREADABLE_OWNER.equals(config.serviceName());
    }

    /**
     * Partner topics carry events for all three services: one that another service applies is passed over here; one that
     * no service knows is refused by {@link PartnerEventTypes#UNREADABLE_OWNER} and passed over by the others.
     */
    private boolean ownedByAnotherService(InboundEvent event, String topic) {
        if (Topics.partnerOfInboundTopic(topic).isEmpty()) {
            return false;
        }
        Optional<String> owner = PartnerEventTypes.ownerOf(event.type());
        if (owner.isEmpty() && isUnreadableOwner()) {
            throw new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE,
                    "'" + event.type() + "' is not a partner event type; known types: " + new TreeSet<>(PartnerEventTypes.OWNER.keySet()));
        }
        return owner.map(o -> !o.equals(config.serviceName())).orElse(true);
    }

    /** Doubling waits, up to a ceiling, for as long as it takes. */
    static final class Backoff {

        private final long max;
        private long next;
        private int attempts;

        Backoff(Duration first, Duration max) {
            this.max = Math.max(first.toNanos(), max.toNanos());
            this.next = first.toNanos();
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
