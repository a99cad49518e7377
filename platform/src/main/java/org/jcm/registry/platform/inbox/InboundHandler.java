package org.jcm.registry.platform.inbox;

import java.util.regex.Pattern;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.platform.messaging.InboundEvent;

/**
 * A service's reaction to the events of one sealed event interface. Its consumer's {@code @Incoming} method hands each
 * record and itself to {@link InboundProcessor#process}; the processor decodes the record, binds it to its record type
 * and calls {@link #handle} inside the transaction that also records the event id, at most once per event id. Throw a
 * {@link org.jcm.registry.platform.problem.RuleViolation} to refuse an event: it is dead-lettered with the rule's code.
 *
 * @param <E> the sealed event interface this consumer applies
 */
public interface InboundHandler<E> {

    /** The sealed interface of the events this consumer applies; its {@link EventTopic} names the topics. */
    Class<E> events();

    void handle(E event, InboundEvent envelope);

    /** Whether records of {@code topic} are this consumer's (used to replay a dead letter of that topic). */
    default boolean handles(String topic) {
        EventTopic t = EventTypes.topicOf(events());
        return t.value().equals(topic) || !t.pattern().isEmpty() && Pattern.matches(t.pattern(), topic);
    }
}
