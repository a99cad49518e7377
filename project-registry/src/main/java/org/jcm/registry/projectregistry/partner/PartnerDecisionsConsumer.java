package org.jcm.registry.projectregistry.partner;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.partner.ProjectPartnerEvents.ProjectNoObjectionNotified;
import org.jcm.registry.contract.partner.ProjectPartnerEvents.ProjectRegistrationNotified;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.messaging.MalformedEventException;
import org.jcm.registry.projectregistry.project.ProjectService;

/**
 * Joint Committee decisions on projects that partner-country systems publish on their inbound topics. Each is
 * applied through the same service method as an operator's request, as {@code partner:XX}; the platform has
 * already checked that the event's country is its topic's, and applies each event id once.
 */
@ApplicationScoped
public class PartnerDecisionsConsumer implements InboundHandler {

    private final InboundProcessor processor;
    private final CloudEventCodec codec;
    private final ProjectService projects;

    public PartnerDecisionsConsumer(InboundProcessor processor, CloudEventCodec codec, ProjectService projects) {
        this.processor = processor;
        this.codec = codec;
        this.projects = projects;
    }

    @Incoming("partner-inbound")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public boolean handles(String topic) {
        return Topics.partnerOfInboundTopic(topic).isPresent();
    }

    @Override
    public void handle(InboundEvent event, String topic) {
        switch (event.type()) {
            case "ProjectNoObjectionNotified" -> {
                ProjectNoObjectionNotified n = codec.bind(event, ProjectNoObjectionNotified.class);
                projects.applyPartnerDecision(n.country(), required(n.pinReference(), "pinReference", event), decision(n.decisionReference(), n.decidedOn(), event), false);
            }
            case "ProjectRegistrationNotified" -> {
                ProjectRegistrationNotified n = codec.bind(event, ProjectRegistrationNotified.class);
                projects.applyPartnerDecision(n.country(), required(n.pinReference(), "pinReference", event), decision(n.decisionReference(), n.decidedOn(), event), true);
            }
            default -> throw new MalformedEventException("project-registry does not apply " + event.type());
        }
    }

    private static JcDecision decision(String reference, java.time.LocalDate decidedOn, InboundEvent event) {
        required(reference, "decisionReference", event);
        if (decidedOn == null) {
            throw new MalformedEventException("the " + event.type() + " event " + event.id() + " has no decidedOn");
        }
        return new JcDecision(reference, decidedOn);
    }

    private static String required(String value, String field, InboundEvent event) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("the " + event.type() + " event " + event.id() + " has no " + field);
        }
        return value;
    }
}
