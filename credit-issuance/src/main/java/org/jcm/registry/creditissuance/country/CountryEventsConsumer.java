package org.jcm.registry.creditissuance.country;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.creditissuance.registry.RegistryService;
import org.jcm.registry.platform.countries.KnownCountries;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;

/** Keeps the country read model, opens a country's registry when it becomes ACTIVE, and keeps its state in step. */
@ApplicationScoped
public class CountryEventsConsumer implements InboundHandler {

    private final InboundProcessor processor;
    private final KnownCountries countries;
    private final RegistryService registries;

    public CountryEventsConsumer(InboundProcessor processor, KnownCountries countries, RegistryService registries) {
        this.processor = processor;
        this.countries = countries;
        this.registries = registries;
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
        if (countries.apply(country.country(), event.time())) {
            registries.openIfAbsent(country.country(), event.time());
            registries.followCountry(country.country(), event.time());
        }
    }
}
