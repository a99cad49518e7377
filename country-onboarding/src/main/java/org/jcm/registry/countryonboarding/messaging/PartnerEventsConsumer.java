package org.jcm.registry.countryonboarding.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.countryonboarding.country.CountryService;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.security.Caller;

/** The Joint Committee decisions that partner-country systems publish on their inbound topics. */
@ApplicationScoped
public class PartnerEventsConsumer implements InboundHandler<CountryPartnerEvent> {

    private final InboundProcessor processor;
    private final CountryService countries;

    public PartnerEventsConsumer(InboundProcessor processor, CountryService countries) {
        this.processor = processor;
        this.countries = countries;
    }

    @Incoming("partner-inbound")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public Class<CountryPartnerEvent> events() {
        return CountryPartnerEvent.class;
    }

    @Override
    public void handle(CountryPartnerEvent event, InboundEvent envelope) {
        countries.applyPartnerDecision(event, Caller.partnerSystem(event.country()));
    }
}
