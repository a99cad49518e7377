package org.jcm.registry.platform.eventlog;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;
import org.jcm.registry.platform.PlatformConfig;

/**
 * Moves the event log forward: right after a business transaction commits, and on a tick as a safety net, it chains
 * new entries ({@link ChainWriter}) then publishes chained ones ({@link EventPublisher}). Delivery is at least once:
 * a crash between publishing and stamping sends those entries again, and consumers apply each event id once.
 */
@ApplicationScoped
public class EventLogRelay {

    private static final Logger LOG = Logger.getLogger(EventLogRelay.class);

    private final ChainWriter chain;
    private final EventPublisher publisher;
    private final PlatformConfig config;
    private final boolean relayOnCommit;
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-log-relay-kick");
        t.setDaemon(true);
        return t;
    });

    public EventLogRelay(ChainWriter chain, EventPublisher publisher, PlatformConfig config) {
        this.chain = chain;
        this.publisher = publisher;
        this.config = config;
        String interval = config.eventLog().relayInterval().trim();
        this.relayOnCommit = config.eventLog().relayOnCommit() && !interval.equalsIgnoreCase("off") && !interval.equalsIgnoreCase("disabled");
    }

    /** A business transaction committed new entries: relay now rather than at the next tick. Kicks coalesce. */
    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventLog.Appended appended) {
        if (relayOnCommit && kickPending.compareAndSet(false, true)) {
            kicker.execute(() -> {
                kickPending.set(false);
                relay();
            });
        }
    }

    /** The safety net: entries whose kick was lost (a crash, another replica's entries) are relayed on the next tick. */
    @Scheduled(identity = "event-log-relay", every = "${jcm.event-log.relay-interval:1s}", delayed = "${jcm.event-log.relay-delay:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        relay();
    }

    /** One round: chain what is new, then publish until a batch comes back short. Never throws; a failed round is retried. */
    public synchronized void relay() {
        try {
            chainPending();
            while (publisher.publishChained() == config.eventLog().relayBatchSize()) {
                // a full batch: more may be waiting
            }
        } catch (Exception e) {
            LOG.warnf("Event log relay round failed, will retry: %s", e.toString());
        }
    }

    /**
     * Chains every entry committed so far (into the hash chain and the Merkle tree), without publishing: what a checkpoint
     * signed on demand must cover. Nothing if another replica leads (it chains them).
     */
    public void chainPending() throws java.sql.SQLException {
        while (chain.chainPending() == config.eventLog().relayBatchSize()) {
            // a full batch: more may be waiting
        }
    }

    @PreDestroy
    void stop() {
        kicker.shutdownNow();
    }
}
