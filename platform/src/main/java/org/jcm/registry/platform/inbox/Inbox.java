package org.jcm.registry.platform.inbox;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.TextNode;
import org.jcm.registry.platform.json.Canonical;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * Remembers which events this service has applied, by CloudEvents identity: source and id together, as the specification
 * defines uniqueness. A second delivery of the same event is a duplicate; a different event (type, subject or data) under
 * an id its source already used is refused ({@code JCM-MSG-009}), never silently dropped.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Records the event as processed, in the caller's transaction. True if this is its first delivery: only then may the
     * caller apply it. Insert-first (not check-then-insert), so concurrent redeliveries cannot both win.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(InboundEvent event, String topic, int partition, long offset) {
        byte[] content = Canonical.sha256(TextNode.valueOf(event.type()), TextNode.valueOf(event.subject()), event.data());
        int inserted = em.createNativeQuery("""
                INSERT INTO processed_event (event_id, event_type, source, topic, kafka_partition, kafka_offset, content_sha256)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (source, event_id) DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .setParameter(3, event.source())
                .setParameter(4, topic)
                .setParameter(5, partition)
                .setParameter(6, offset)
                .setParameter(7, content)
                .executeUpdate();
        if (inserted == 1) {
            return true;
        }
        List<?> first = em.createNativeQuery("SELECT content_sha256 FROM processed_event WHERE source = ?1 AND event_id = ?2")
                .setParameter(1, event.source()).setParameter(2, event.id()).getResultList();
        byte[] applied = first.isEmpty() ? null : (byte[]) first.get(0);
        if (applied != null && !Arrays.equals(applied, content)) {
            throw new RuleViolation(PlatformRule.EVENT_ID_REUSED, "event id " + event.id() + " from " + event.source()
                    + " was already applied with a different content; a new event needs a new id");
        }
        return false;
    }
}
