package org.jcm.registry.creditissuance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.partner.CreditPartnerEvent;
import org.jcm.registry.contract.partner.ExternalTransferAnswered;
import org.jcm.registry.contract.partner.ExternalTransferProposed;
import org.jcm.registry.creditissuance.article6.Article6Service;
import org.jcm.registry.creditissuance.issuance.IssuanceService;
import org.jcm.registry.creditissuance.transfer.ExternalTransferService;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;

/**
 * Applies what partner-country systems publish for credit-issuance on their inbound topics: Joint Committee issuance
 * notifications, Article 6 authorizations and corresponding adjustments, and external transfers' proposals and answers.
 */
@ApplicationScoped
public class PartnerIssuanceConsumer implements InboundHandler<CreditPartnerEvent> {

    private final InboundProcessor processor;
    private final IssuanceService issuances;
    private final Article6Service article6;
    private final ExternalTransferService transfers;

    public PartnerIssuanceConsumer(InboundProcessor processor, IssuanceService issuances, Article6Service article6,
            ExternalTransferService transfers) {
        this.processor = processor;
        this.issuances = issuances;
        this.article6 = article6;
        this.transfers = transfers;
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
        if (event instanceof CreditPartnerEvent.IssuanceNotified notified) {
            issuances.applyPartnerNotification(notified, envelope);
        } else if (event instanceof CreditPartnerEvent.CreditsAuthorized authorized) {
            article6.applyPartnerAuthorization(authorized, envelope);
        } else if (event instanceof CreditPartnerEvent.CorrespondingAdjustmentNotified adjusted) {
            article6.applyPartnerAdjustment(adjusted, envelope);
        } else if (event instanceof ExternalTransferProposed proposed) {
            transfers.receive(proposed, envelope);
        } else {
            transfers.applyAnswer((ExternalTransferAnswered) event, envelope);
        }
    }
}
