package org.jcm.registry.platform.persistence;

import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Loads an aggregate to change it: locked until the transaction ends, and as the database has it once the lock is
 * held. A lock alone is not enough: if this transaction read the aggregate before (to resolve a reference, say), the
 * persistence context still holds that earlier, possibly stale, state, and a plain locking find would only lock the
 * row and keep it. Here such an instance is refreshed under the lock.
 */
public final class Aggregates {

    private Aggregates() {}

    /** The aggregate with this id, exclusively locked and fresh; empty if there is none. */
    public static <T> Optional<T> lockForChange(EntityManager em, Class<T> type, Object id) {
        return lock(em, type, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** As {@link #lockForChange}, with a shared lock: other shared lockers proceed, changes of the aggregate wait. */
    public static <T> Optional<T> lockShared(EntityManager em, Class<T> type, Object id) {
        return lock(em, type, id, LockModeType.PESSIMISTIC_READ);
    }

    private static <T> Optional<T> lock(EntityManager em, Class<T> type, Object id, LockModeType mode) {
        if (id == null) {
            return Optional.empty();
        }
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
        T managed = type.cast(session.getPersistenceContextInternal().getEntity(session.generateEntityKey(id, persister)));
        if (managed != null) {
            if (persister.hasCollections()) {
                // Lock the row, then reload it: a refresh with a lock mode takes Hibernate's follow-on locking path, which
                // fails (NullPointerException) on an aggregate with a loaded collection (a country with its TPEs).
                em.lock(managed, mode);
                em.refresh(managed);
            } else {
                // One round trip: the row read again with its lock (SELECT ... FOR NO KEY UPDATE / FOR SHARE).
                em.refresh(managed, mode);
            }
            return Optional.of(managed);
        }
        return Optional.ofNullable(em.find(type, id, mode));
    }
}
