package org.jcm.registry.platform.eventlog;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.platform.problem.DatabaseConstraints;

/** Makes a service's {@link EventStream}s: {@code streams.of("PartnerCountry", CountryEvent.class)}. */
@ApplicationScoped
public class EventStreams {

    private final EventLog log;
    private final DatabaseConstraints constraints;

    public EventStreams(EventLog log, DatabaseConstraints constraints) {
        this.log = log;
        this.constraints = constraints;
    }

    public <E> EventStream<E> of(String aggregateType, Class<E> events) {
        return new EventStream<>(log, constraints, aggregateType, events);
    }
}
