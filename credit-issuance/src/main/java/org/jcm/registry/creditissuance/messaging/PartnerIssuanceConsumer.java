package org.jcm.registry.creditissuance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.partner.CreditPartnerEvent;
import org.jcm.registry.creditissuance.issuance.IssuanceService;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;

/** Applies the partner countries' Joint Committee issuance notifications from their inbound topics. */
@ApplicationScoped
public class PartnerIssuanceConsumer implements InboundHandler<CreditPartnerEvent> {

    private final InboundProcessor processor;
    private final IssuanceService issuances;

    public PartnerIssuanceConsumer(InboundProcessor processor, IssuanceService issuances) {
        this.processor = processor;
        this.issuances = issuances;
    }

    @Incoming("partner-inbound")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public Class<CreditPartnerEvent> events() {
        return CreditPartnerEvent.class;
    }

    @Override
    public void handle(CreditPartnerEvent event, InboundEvent envelope) {
        issuances.applyPartnerNotification((CreditPartnerEvent.IssuanceNotified) event, envelope);
    }
}
