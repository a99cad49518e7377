package org.jcm.registry.platform.inbox;

import org.jcm.registry.platform.messaging.InboundEvent;

/**
 * A service's reaction to the events of one or more topics. Called inside the transaction that also records
 * the event id, at most once per event id. Throw a {@link org.jcm.registry.platform.problem.RuleViolation} to
 * refuse an event: it then goes to the dead-letter topic with the rule's code.
 */
public interface InboundHandler {

    boolean handles(String topic);

    void handle(InboundEvent event, String topic);
}
