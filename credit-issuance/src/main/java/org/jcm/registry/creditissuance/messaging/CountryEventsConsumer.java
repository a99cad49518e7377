package org.jcm.registry.creditissuance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.creditissuance.registry.RegistryService;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;

/** Keeps the country read model, opens a country's registry when it becomes ACTIVE, and keeps its state in step. */
@ApplicationScoped
public class CountryEventsConsumer implements InboundHandler<CountryEvent> {

    private final InboundProcessor processor;
    private final RegistryService registries;

    public CountryEventsConsumer(InboundProcessor processor, RegistryService registries) {
        this.processor = processor;
        this.registries = registries;
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
        registries.followCountry(event.country(), envelope);
    }
}
