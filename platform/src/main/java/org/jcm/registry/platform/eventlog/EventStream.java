package org.jcm.registry.platform.eventlog;

import java.util.List;
import java.util.regex.Pattern;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.platform.problem.DatabaseConstraints;

/**
 * The one way a service publishes: the events of one aggregate type, of one sealed event interface, on that interface's
 * topic. Appending first writes the business transaction's pending changes (so a constraint the database enforces
 * surfaces as its rule, inside the request), then records the event in the log, to be published after the commit.
 *
 * @param <E> the sealed event interface
 */
public final class EventStream<E> {

    private final EventLog log;
    private final DatabaseConstraints constraints;
    private final String topic;
    private final Pattern topics;
    private final String aggregateType;

    EventStream(EventLog log, DatabaseConstraints constraints, String aggregateType, Class<E> events) {
        this.log = log;
        this.constraints = constraints;
        this.aggregateType = aggregateType;
        EventTopic t = EventTypes.topicOf(events);
        this.topic = t.value();
        this.topics = t.pattern().isEmpty() ? null : Pattern.compile(t.pattern());
        if (topic.isEmpty() == (topics == null) || EventTypes.of(events).isEmpty()) {
            throw new IllegalArgumentException(events.getName() + " is no sealed event interface with a topic or a pattern of topics");
        }
    }

    /** Records {@code event} about the aggregate {@code aggregateId} (its Kafka key and CloudEvents subject) in this transaction. */
    public EventLogEntry append(String aggregateId, E event) {
        if (topic.isEmpty()) {
            throw new IllegalStateException("the events of " + aggregateType + " go to one of many topics: name it (appendTo)");
        }
        return appendTo(topic, aggregateId, event);
    }

    /** As {@link #append}, on one of the topics of the stream's pattern (a partner country's, say). */
    public EventLogEntry appendTo(String topic, String aggregateId, E event) {
        if (!topic.equals(this.topic) && (topics == null || !topics.matcher(topic).matches())) {
            throw new IllegalArgumentException(topic + " is not a topic of " + aggregateType + " events");
        }
        constraints.flush();
        return log.append(topic, aggregateType, aggregateId, EventTypes.nameOf(event.getClass()), event);
    }

    /** Every event of one aggregate, oldest first, as its history shows them. */
    public List<HistoryEntry> history(String aggregateId) {
        List<EventLogEntry> entries = log.history(aggregateType, aggregateId);
        return java.util.stream.IntStream.range(0, entries.size()).mapToObj(i -> HistoryEntry.of(entries.get(i), i + 1)).toList();
    }

    public String topic() {
        return topic;
    }
}
