package org.jcm.registry.creditissuance.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.platform.messaging.InboundEvent;

/** Keeps the projects and their verified reductions from project-registry's events, in the consumer's transaction. */
@ApplicationScoped
public class ProjectFollower {

    private final RegisteredProjects projects;
    private final VerifiedReductions verified;

    public ProjectFollower(RegisteredProjects projects, VerifiedReductions verified) {
        this.projects = projects;
        this.verified = verified;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void follow(ProjectEvent event, InboundEvent envelope) {
        projects.apply(event.project(), envelope.subject(), envelope.time());
        if (event instanceof ProjectEvent.ReductionsVerified v) {
            verified.record(v, envelope.time());
        }
    }
}
