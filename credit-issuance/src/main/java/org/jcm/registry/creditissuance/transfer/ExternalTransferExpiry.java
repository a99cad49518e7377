package org.jcm.registry.creditissuance.transfer;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/** Releases the blocks of proposals to external registries that got no answer within the timeout. */
@ApplicationScoped
public class ExternalTransferExpiry {

    private static final Logger LOG = Logger.getLogger(ExternalTransferExpiry.class);

    private final ExternalTransferService transfers;
    private final Clock clock;

    public ExternalTransferExpiry(ExternalTransferService transfers, Clock clock) {
        this.transfers = transfers;
        this.clock = clock;
    }

    @Scheduled(identity = "external-transfer-expiry", every = "${jcm.registry.external-transfer.expiry-interval:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        try {
            int expired = transfers.expireDue(clock.instant());
            if (expired > 0) {
                LOG.infof("%d external transfer proposal(s) expired unanswered; their blocks are free again", expired);
            }
        } catch (RuntimeException e) {
            // The database may be away: the next run tries again, nothing is lost meanwhile.
            LOG.warnf("Could not expire external transfer proposals yet: %s", e.toString());
        }
    }
}
