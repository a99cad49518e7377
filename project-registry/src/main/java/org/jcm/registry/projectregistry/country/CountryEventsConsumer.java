package org.jcm.registry.projectregistry.country;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.platform.countries.KnownCountries;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;

/** Keeps the local read model of partner countries from country-onboarding's events. */
@ApplicationScoped
public class CountryEventsConsumer implements InboundHandler {

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
    public boolean handles(String topic) {
        return Topics.COUNTRIES.equals(topic);
    }

    @Override
    public void handle(InboundEvent event, String topic) {
        CountryEvent country = countries.decode(event);
        countries.apply(country.country(), event.time());
    }
}
