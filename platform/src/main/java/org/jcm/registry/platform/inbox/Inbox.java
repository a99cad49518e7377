package org.jcm.registry.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.platform.messaging.InboundEvent;

/** Remembers which event ids this service has applied. */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Records the event as processed, in the caller's transaction. True if this is its first delivery: only then
     * may the caller apply it. Insert-first (not check-then-insert), so concurrent redeliveries cannot both win.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(InboundEvent event, String topic, int partition, long offset) {
        int inserted = em.createNativeQuery("""
                INSERT INTO processed_event (event_id, event_type, source, topic, kafka_partition, kafka_offset)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .setParameter(3, event.source())
                .setParameter(4, topic)
                .setParameter(5, partition)
                .setParameter(6, offset)
                .executeUpdate();
        return inserted == 1;
    }

    public boolean processed(java.util.UUID eventId) {
        return !em.createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = ?1").setParameter(1, eventId).getResultList().isEmpty();
    }
}
