package org.jcm.registry.projectregistry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.readmodel.KnownCountries;

/** Keeps the local read model of partner countries from country-onboarding's events. */
@ApplicationScoped
public class CountryEventsConsumer implements InboundHandler<CountryEvent> {

    private final InboundProcessor processor;
    private final KnownCountries countries;

    public CountryEventsConsumer(InboundProcessor processor, KnownCountries countries) {
        this.processor = processor;
        this.countries = countries;
    }

    @Incoming("countries")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public Class<CountryEvent> events() {
        return CountryEvent.class;
    }

    @Override
    public void handle(CountryEvent event, InboundEvent envelope) {
        countries.apply(event.country(), envelope.subject(), envelope.time());
    }
}
