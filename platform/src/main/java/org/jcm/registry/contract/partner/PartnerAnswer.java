package org.jcm.registry.contract.partner;

import java.util.UUID;

import org.jcm.registry.contract.EventTopic;
import org.jcm.registry.contract.Topics;

/**
 * What the registry tells a partner-country system on its outbound topic {@code jcm.partner.{cc}.outbound.v1}: the
 * answer to every event it published (as the Kyoto registries answered every message with a response code), so that it
 * can reconcile without asking an operator. Exactly one service answers each event: the one that applies its type, or
 * for what no service can read, {@link PartnerEventTypes#UNREADABLE_OWNER}.
 */
@EventTopic(pattern = Topics.PARTNER_OUTBOUND_PATTERN)
public sealed interface PartnerAnswer
        permits PartnerAnswer.PartnerEventAnswered, PartnerAnswer.ExternalTransferWithdrawn, ExternalTransferProposed, ExternalTransferAnswered {

    /** How an answered event ended. */
    enum Outcome {
        /** Applied: its effect is recorded. */
        APPLIED,
        /** Applied before (the same event id from the same source): nothing changed again. */
        DUPLICATE,
        /** Refused with the rule it broke; it is kept as a dead letter that operators can replay after a fix. */
        REFUSED
    }

    /**
     * The answer to one record on a partner's inbound topic. {@code answeredEventId}, {@code answeredEventType} and
     * {@code answeredSource} are null when the record was no readable CloudEvent; {@code answeredRecord} names it then
     * ({@code topic/partition/offset}). {@code ruleCode} and {@code reason} say why an event was refused.
     */
    record PartnerEventAnswered(String country, UUID answeredEventId, String answeredEventType, String answeredSource, String answeredRecord,
            Outcome outcome, String ruleCode, String reason, String answeredBy) implements PartnerAnswer {}

    /**
     * A transfer the registry proposed to the partner's external registry was released before an answer came: it
     * {@code EXPIRED} (no answer within the registry's timeout) or was {@code CANCELLED} by an operator. An answer arriving
     * after this changes nothing (it is refused as JCM-EXT-004).
     */
    record ExternalTransferWithdrawn(String country, UUID transferId, String outcome, String reason) implements PartnerAnswer {}
}
