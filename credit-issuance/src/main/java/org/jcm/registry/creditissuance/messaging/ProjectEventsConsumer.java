package org.jcm.registry.creditissuance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.creditissuance.project.ProjectFollower;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.InboundEvent;

/** Keeps the project read model and the verified reductions issuance rests on. */
@ApplicationScoped
public class ProjectEventsConsumer implements InboundHandler<ProjectEvent> {

    private final InboundProcessor processor;
    private final ProjectFollower projects;

    public ProjectEventsConsumer(InboundProcessor processor, ProjectFollower projects) {
        this.processor = processor;
        this.projects = projects;
    }

    @Incoming("projects")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public Class<ProjectEvent> events() {
        return ProjectEvent.class;
    }

    @Override
    public void handle(ProjectEvent event, InboundEvent envelope) {
        projects.follow(event, envelope);
    }
}
