package org.jcm.registry.projectregistry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.partner.ProjectPartnerEvent;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.projectregistry.project.ProjectService;

/** Joint Committee decisions on projects that partner-country systems publish on their inbound topics. */
@ApplicationScoped
public class PartnerDecisionsConsumer implements InboundHandler<ProjectPartnerEvent> {

    private final InboundProcessor processor;
    private final ProjectService projects;

    public PartnerDecisionsConsumer(InboundProcessor processor, ProjectService projects) {
        this.processor = processor;
        this.projects = projects;
    }

    @Incoming("partner-inbound")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public Class<ProjectPartnerEvent> events() {
        return ProjectPartnerEvent.class;
    }

    @Override
    public void handle(ProjectPartnerEvent event, InboundEvent envelope) {
        projects.applyPartnerDecision(event);
    }
}
