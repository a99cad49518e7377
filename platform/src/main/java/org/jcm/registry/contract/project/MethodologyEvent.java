package org.jcm.registry.contract.project;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/**
 * Events of the methodology aggregate on {@link org.jcm.registry.contract.Topics#METHODOLOGIES}, keyed by the
 * methodology id. Every event carries the methodology's full state after the change.
 */
@EventTopic(Topics.METHODOLOGIES)
public sealed interface MethodologyEvent {

    MethodologySnapshot methodology();

    /** Who made the change: an operator's user name, or {@code partner:XX} for a partner-country system. */
    String actor();

    record MethodologyProposed(MethodologySnapshot methodology, String actor) implements MethodologyEvent {}

    record MethodologyApproved(MethodologySnapshot methodology, String actor, JcDecision decision) implements MethodologyEvent {}

    record MethodologyRejected(MethodologySnapshot methodology, String actor, JcDecision decision, String reason) implements MethodologyEvent {}

    /** A new version of an approved methodology; the reference stays, {@code version} grows by one. */
    record MethodologyRevised(MethodologySnapshot methodology, String actor, JcDecision decision, int previousVersion) implements MethodologyEvent {}

    /** No new project may use it from now on; projects already using it keep it. */
    record MethodologyWithdrawn(MethodologySnapshot methodology, String actor, JcDecision decision, String reason) implements MethodologyEvent {}
}
