package org.jcm.registry.platform;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every service shares. */
@ConfigMapping(prefix = "jcm")
public interface PlatformConfig {

    /** The service's name: the CloudEvents source {@code /jcm/{name}} and its dead-letter topic's name. */
    String serviceName();

    /** The PostgreSQL schema the service owns (named after it). */
    String schema();

    EventLogConfig eventLog();

    InboxConfig inbox();

    interface InboxConfig {
        /**
         * How often a message whose processing failed for a reason other than a broken rule (the database briefly
         * unavailable, say) is tried again before it is dead-lettered. A broken rule is dead-lettered at once.
         */
        @WithDefault("3")
        int retries();

        /** The wait before the first retry; it doubles for each further one. */
        @WithDefault("200ms")
        Duration retryBackoff();
    }

    interface EventLogConfig {
        /** How often the relay looks for new entries ({@code off} stops it, for tests that drive it by hand). */
        @WithDefault("1s")
        String relayInterval();

        /** Whether the relay also runs right after each commit (lower latency) or only on its tick (less work per commit). */
        @WithDefault("true")
        boolean relayOnCommit();

        /** How long after start-up the relay first runs. */
        @WithDefault("1s")
        String relayDelay();

        /** How many entries the relay chains or publishes in one round. */
        @WithDefault("500")
        int relayBatchSize();

        /** How long the relay waits for the broker to acknowledge a batch before it tries again later. */
        @WithDefault("30s")
        Duration publishTimeout();
    }
}
