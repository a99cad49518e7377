package org.jcm.registry.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of every event is the simple name of its record, and a topic's event types are the
 * records its sealed event interface permits: adding an event type is adding one record to the interface.
 */
public final class EventTypes {

    private static final ClassValue<Map<String, Class<?>>> BY_NAME = new ClassValue<>() {

        @Override
        protected Map<String, Class<?>> computeValue(Class<?> sealed) {
            Map<String, Class<?>> types = new LinkedHashMap<>();
            collect(sealed, types);
            return Collections.unmodifiableMap(types);
        }
    };

    private EventTypes() {}

    /** The CloudEvents type of an event record. */
    public static String nameOf(Class<?> eventClass) {
        return eventClass.getSimpleName();
    }

    /** Every event type a sealed event interface permits, by CloudEvents type, in declaration order. */
    @SuppressWarnings("unchecked")
    public static <E> Map<String, Class<? extends E>> of(Class<E> sealed) {
        return (Map<String, Class<? extends E>>) (Map<String, ?>) BY_NAME.get(sealed);
    }

    /** The record of one event type of a sealed event interface, if it has one of that name. */
    public static <E> Optional<Class<? extends E>> classOf(Class<E> sealed, String type) {
        return Optional.ofNullable(of(sealed).get(type));
    }

    /** Where the events of a sealed event interface travel. */
    public static EventTopic topicOf(Class<?> sealed) {
        EventTopic topic = sealed.getAnnotation(EventTopic.class);
        if (topic == null) {
            throw new IllegalArgumentException(sealed.getName() + " names no @EventTopic");
        }
        return topic;
    }

    private static void collect(Class<?> type, Map<String, Class<?>> types) {
        if (!type.isSealed()) {
            if (type.isRecord()) {
                types.put(nameOf(type), type);
            }
            return;
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            collect(permitted, types);
        }
    }
}
