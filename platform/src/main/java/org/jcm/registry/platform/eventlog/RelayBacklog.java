package org.jcm.registry.platform.eventlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.jcm.registry.platform.PlatformConfig;

/**
 * What the relay has not done yet: entries not chained, entries not published, and the age of the oldest unpublished
 * one. Exposed as metrics ({@code jcm_event_log_unchained}, {@code jcm_event_log_unpublished},
 * {@code jcm_event_log_oldest_unpublished_seconds}) and as a readiness check that fails while an entry has waited longer
 * than {@code jcm.event-log.stuck-after}: a relay that cannot publish is a service whose changes no one else sees.
 */
@Readiness
@ApplicationScoped
public class RelayBacklog implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RelayBacklog.class);

    /** One reading of the backlog. {@code oldestUnpublished} is null when everything is published. */
    public record Snapshot(long unchained, long unpublished, Instant oldestUnpublished, Instant readAt) {

        public Duration oldestAge(Instant now) {
            return oldestUnpublished == null ? Duration.ZERO : Duration.between(oldestUnpublished, now);
        }
    }

    private final EntityManager em;
    private final PlatformConfig config;
    private final Clock clock;
    private volatile Snapshot last;

    public RelayBacklog(EntityManager em, PlatformConfig config, Clock clock, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        Gauge.builder("jcm.event_log.unchained", this, b -> b.current().unchained()).description("Event log entries not yet chained")
                .register(registry);
        Gauge.builder("jcm.event_log.unpublished", this, b -> b.current().unpublished())
                .description("Event log entries not yet published").register(registry);
        Gauge.builder("jcm.event_log.oldest_unpublished", this, b -> b.current().oldestAge(b.clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest unpublished event log entry").register(registry);
    }

    /** Reads the backlog now. */
    public Snapshot read() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE position IS NULL), count(*), min(occurred_at)
                FROM event_log WHERE published_at IS NULL""").getSingleResult());
        Instant oldest = row[2] == null ? null : ChainVerifier.instant(row[2]);
        Snapshot s = new Snapshot(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), oldest, clock.instant());
        last = s;
        return s;
    }

    /** The latest reading (refreshed every few seconds), reading now if there is none yet. */
    public Snapshot current() {
        Snapshot s = last;
        return s == null ? safeRead() : s;
    }

    @Scheduled(identity = "event-log-backlog", every = "${jcm.event-log.backlog-interval:5s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        safeRead();
    }

    private Snapshot safeRead() {
        try {
            return read();
        } catch (RuntimeException e) {
            LOG.debugf("Could not read the event log backlog: %s", e.toString());
            Snapshot s = last;
            return s == null ? new Snapshot(0, 0, null, clock.instant()) : s;
        }
    }

    @Override
    public HealthCheckResponse call() {
        Snapshot s = current();
        Duration age = s.oldestAge(clock.instant());
        boolean stuck = age.compareTo(config.eventLog().stuckAfter()) > 0;
        return HealthCheckResponse.named("event-log-relay").status(!stuck)
                .withData("unchained", s.unchained())
                .withData("unpublished", s.unpublished())
                .withData("oldestUnpublishedSeconds", age.toSeconds())
                .build();
    }
}
