package org.jcm.registry.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.partner.PartnerAnswer;
import org.jcm.registry.contract.partner.PartnerAnswer.Outcome;
import org.jcm.registry.contract.partner.PartnerAnswer.PartnerEventAnswered;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.messaging.InboundEvent;

/**
 * Answers a partner-country system on its outbound topic, through the event log (so in the transaction of what it
 * answers, hash-chained and published like every event): applied, duplicate, or refused with the rule's code.
 */
@ApplicationScoped
public class PartnerAnswers {

    private final EventStream<PartnerAnswer> answers;
    private final String serviceName;

    public PartnerAnswers(EventStreams streams, PlatformConfig config) {
        this.answers = streams.of("PartnerEvent", PartnerAnswer.class);
        this.serviceName = config.serviceName();
    }

    /** Answers the record at {@code topic/partition/offset} (of a partner inbound topic; nothing else is answered), in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answer(String topic, int partition, long offset, InboundEvent event, Outcome outcome, String ruleCode, String reason) {
        Topics.partnerOfInboundTopic(topic).ifPresent(country -> {
            String record = topic + "/" + partition + "/" + offset;
            PartnerEventAnswered answer = new PartnerEventAnswered(country, event == null ? null : event.id(), event == null ? null : event.type(),
                    event == null ? null : event.source(), record, outcome, ruleCode, reason, serviceName);
            answers.appendTo(Topics.partnerOutbound(country), event == null ? record : event.id().toString(), answer);
        });
    }
}
