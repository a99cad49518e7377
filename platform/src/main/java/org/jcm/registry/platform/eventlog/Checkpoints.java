package org.jcm.registry.platform.eventlog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.jcm.registry.audit.Checkpoint;
import org.jcm.registry.audit.Merkle;
import org.jcm.registry.audit.SignedCheckpoint;
import org.jcm.registry.contract.audit.LogCheckpointSigned;
import org.jcm.registry.platform.PlatformConfig;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * Signed tree heads of the event log: on a tick when the log has grown, and on demand, the relay's leader signs the
 * Merkle tree's size and root with the service's key, stores the checkpoint and publishes it (as a
 * {@link LogCheckpointSigned} event) on the service's checkpoint topic and every ACTIVE partner's outbound topic, where
 * partners and auditors keep it. Publication on the checkpoint topic is at least once, stamped like the log's own entries;
 * the partners' copies go with it, once ({@link CheckpointRecipients}).
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final RelayConnection session;
    private final AuditKeys keys;
    private final PlatformConfig config;
    private final EventPublisher publisher;
    private final CheckpointRecipients recipients;
    private final CloudEventCodec codec;
    private final DataSource dataSource;
    private final Clock clock;
    private final ExecutorService publishing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-log-checkpoint-publish");
        t.setDaemon(true);
        return t;
    });

    public Checkpoints(RelayConnection session, AuditKeys keys, PlatformConfig config, EventPublisher publisher, CheckpointRecipients recipients,
            CloudEventCodec codec, DataSource dataSource, Clock clock) {
        this.session = session;
        this.keys = keys;
        this.config = config;
        this.publisher = publisher;
        this.recipients = recipients;
        this.codec = codec;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The log's name in its checkpoints. */
    public String origin() {
        return "jcm-registry/" + config.serviceName();
    }

    @Scheduled(identity = "event-log-checkpoint", every = "${jcm.audit.checkpoint-interval:60s}", delayed = "${jcm.event-log.relay-delay:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            signIfGrown();
            publishPending();
        } catch (Exception e) {
            LOG.warnf("Checkpoint round failed, will retry: %s", e.toString());
        }
    }

    /**
     * Signs the tree head if the tree has grown since the latest checkpoint (or none exists), as the relay's leader; returns
     * the latest checkpoint then, or empty if another replica leads.
     */
    public Optional<SignedCheckpoint> signIfGrown() throws SQLException {
        return session.asLeader(c -> {
            long size = MerkleNodes.size(c);
            Optional<SignedCheckpoint> latest = latest(c);
            if (latest.isPresent() && latest.get().checkpoint().treeSize() >= size) {
                return latest.get();
            }
            byte[] root;
            try (MerkleNodes tree = new MerkleNodes(c)) {
                root = Merkle.root(size, tree);
            }
            Checkpoint head = new Checkpoint(origin(), size, Merkle.hex(root),
                    DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            SignedCheckpoint signed = SignedCheckpoint.sign(head, keys.pair().getPrivate(), keys.pair().getPublic());
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO event_log_checkpoint (tree_size, root_hash, signed_time, key_id, signature) VALUES (?, ?, ?, ?, ?)")) {
                s.setLong(1, size);
                s.setString(2, head.rootHash());
                s.setString(3, head.timestamp());
                s.setString(4, signed.keyId());
                s.setString(5, signed.signature());
                s.executeUpdate();
            }
            return signed;
        });
    }

    /** Publishes checkpoints not yet published, oldest first; returns how many were. Leader only. */
    public synchronized int publishPending() throws SQLException {
        List<SignedCheckpoint> pending = session.asLeader(c -> {
            List<SignedCheckpoint> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE published_at IS NULL ORDER BY tree_size LIMIT 20");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        }).orElse(List.of());
        if (pending.isEmpty()) {
            return 0;
        }
        List<String> topics = recipients.topics();
        int published = 0;
        for (SignedCheckpoint checkpoint : pending) {
            Checkpoint head = checkpoint.checkpoint();
            // One event, the same id on every topic: a consumer keeps each checkpoint once, however often it is sent.
            UUID id = UUID.nameUUIDFromBytes((head.origin() + "\n" + head.treeSize() + "\n" + head.rootHash()).getBytes(StandardCharsets.UTF_8));
            String message = codec.encode(id, "/jcm/" + config.serviceName(), LogCheckpointSigned.class.getSimpleName(), head.origin(),
                    java.time.Instant.parse(head.timestamp()), event(checkpoint));
            List<EventPublisher.Outgoing> outgoing = topics.stream()
                    .map(t -> new EventPublisher.Outgoing(0, head.treeSize(), id, t, head.origin(), message)).toList();
            // Stamped once its own topic has it; a partner's copy that was not acknowledged is not sent again (EventPublisher
            // logs it): that partner gets the next checkpoint, which vouches for everything this one did.
            if (publisher.send(outgoing).stream().noneMatch(o -> o.topic().equals(topics.get(0)))) {
                LOG.warnf("Checkpoint %d not acknowledged on %s; sent again next round", head.treeSize(), topics.get(0));
                break;
            }
            session.asLeader(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE event_log_checkpoint SET published_at = now() WHERE tree_size = ? AND published_at IS NULL")) {
                    s.setLong(1, head.treeSize());
                    return s.executeUpdate();
                }
            });
            published++;
        }
        return published;
    }

    /** Publishes what is pending soon, off the caller's thread (a request must not wait for the broker). */
    public void publishSoon() {
        publishing.execute(() -> {
            try {
                publishPending();
            } catch (Exception e) {
                LOG.warnf("Publishing checkpoints failed, the next round tries again: %s", e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        publishing.shutdownNow();
    }

    static LogCheckpointSigned event(SignedCheckpoint signed) {
        Checkpoint c = signed.checkpoint();
        return new LogCheckpointSigned(c.origin(), c.treeSize(), c.rootHash(), c.timestamp(), signed.keyId(), signed.signature());
    }

    private static final String SELECT = "SELECT tree_size, root_hash, signed_time, key_id, signature FROM event_log_checkpoint";

    private SignedCheckpoint read(ResultSet rs) throws SQLException {
        return new SignedCheckpoint(new Checkpoint(origin(), rs.getLong(1), rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5));
    }

    private Optional<SignedCheckpoint> latest(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY tree_size DESC LIMIT 1"); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** The checkpoint of {@code treeSize}, or a 404 {@code JCM-AUD-002} that says where to look. */
    public SignedCheckpoint requireAt(long treeSize) throws SQLException {
        return at(treeSize).orElseThrow(() -> new RuleViolation(PlatformRule.CHECKPOINT_NOT_FOUND,
                "no checkpoint was signed at a tree size of " + treeSize + "; GET /api/audit/checkpoints lists those there are"));
    }

    /** The latest checkpoint, or a 409 {@code JCM-AUD-003} that says how to get one. */
    public SignedCheckpoint requireLatest() throws SQLException {
        return latest().orElseThrow(() -> new RuleViolation(PlatformRule.NOT_YET_CHECKPOINTED,
                "no checkpoint has been signed yet; ask for one (POST /api/audit/checkpoints)"));
    }

    /** The latest checkpoint, if any. */
    public Optional<SignedCheckpoint> latest() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return latest(c);
        }
    }

    /** The checkpoint of the tree at {@code treeSize}, if one was signed. */
    public Optional<SignedCheckpoint> at(long treeSize) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT + " WHERE tree_size = ?")) {
            s.setLong(1, treeSize);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Checkpoints of trees larger than {@code afterSize}, smallest first. */
    public List<SignedCheckpoint> after(long afterSize, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT + " WHERE tree_size > ? ORDER BY tree_size LIMIT ?")) {
            s.setLong(1, afterSize);
            s.setInt(2, limit);
            List<SignedCheckpoint> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        }
    }
}
