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

    KafkaConfig kafka();

    /**
     * The service's own Kafka identity: every Kafka client of the service authenticates as it (SCRAM-SHA-512, through
     * {@code kafka.sasl.jaas.config} in the platform's defaults), so that its ACLs apply.
     */
    interface KafkaConfig {

        /** Its Kafka user: the service's name unless set ({@code JCM_KAFKA_USERNAME}). */
        String username();

        /** Its password ({@code JCM_KAFKA_PASSWORD}). No default: a service without one does not start. */
        String password();
    }

    HttpConfig http();

    AuditConfig audit();

    /** The log's signed checkpoints and the proofs auditors get (platform/README.md, "Audit trust"). */
    interface AuditConfig {

        /**
         * The service's Ed25519 checkpoint signing key: a PKCS#8 PEM file ({@code JCM_AUDIT_SIGNING_KEY}), kept outside the
         * database. No default: a service without one does not start.
         */
        String signingKey();

        /** Its public half: an X.509 SubjectPublicKeyInfo PEM file ({@code JCM_AUDIT_PUBLIC_KEY}), served to auditors. */
        String publicKey();

        /** How often the tree head is signed, if the log grew since the last checkpoint ({@code off} stops it). */
        @WithDefault("60s")
        String checkpointInterval();

        /** The most entries one export request returns. */
        @WithDefault("10000")
        int exportMaxEntries();
    }

    interface HttpConfig {

        /** The longest request URI (path and query, as sent) the registry reads; a longer one is refused with 414. */
        @WithDefault("8192")
        int maxUriLength();

        /** The largest request body the registry reads; a larger one is refused with 413. */
        @WithDefault("1048576")
        long maxBodyBytes();
    }

    InboxConfig inbox();

    IdempotencyConfig idempotency();

    interface IdempotencyConfig {

        /** How long an Idempotency-Key and its first response are kept: long enough for a partner system's retries. */
        @WithDefault("24h")
        Duration retention();

        /** How often keys past their retention are deleted. */
        @WithDefault("1h")
        String expiryInterval();
    }

    interface InboxConfig {

        /**
         * How often a message whose processing failed for a reason no rule explains (and not because the database is
         * unavailable) is tried again before it is dead-lettered. A broken rule is dead-lettered at once; an outage of
         * the database is waited out, however long it lasts, and never dead-letters anything.
         */
        @WithDefault("3")
        int retries();

        /** The wait before the first retry; it doubles for each further one, up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /** The longest wait between two attempts while the database is unavailable. */
        @WithDefault("15s")
        Duration maxBackoff();
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

        /**
         * The largest event (key and CloudEvent, in bytes) a business transaction may append. The relay's producer may
         * send exactly this much, so an event the log accepts is one the relay can always publish; a change that would
         * produce a larger one is refused inside its transaction ({@code JCM-REQ-012}). Keep it below the broker's
         * {@code message.max.bytes} (1 MiB by default).
         */
        @WithDefault("1000000")
        int maxEventBytes();

        /** An entry still unpublished this long after it was written makes the service report itself not ready. */
        @WithDefault("60s")
        Duration stuckAfter();

        /** How often the relay's backlog (for metrics and readiness) is read. */
        @WithDefault("5s")
        String backlogInterval();

        /** How many entries {@code /api/audit/verify} reads at a time. */
        @WithDefault("1000")
        int verifyPageSize();

        /**
         * The most chain positions one request to {@code POST /api/audit/redeliveries} covers; its answer names the
         * position to continue from. Bounds the time a request holds the broker and the caller.
         */
        @WithDefault("10000")
        int redeliveryMaxEntries();
    }
}
