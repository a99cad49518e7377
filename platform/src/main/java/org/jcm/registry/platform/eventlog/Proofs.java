package org.jcm.registry.platform.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import org.jcm.registry.audit.ConsistencyProof;
import org.jcm.registry.audit.InclusionProof;
import org.jcm.registry.audit.LogEntry;
import org.jcm.registry.audit.SignedCheckpoint;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * What an auditor checks offline, read from the stored log and tree: entries in their canonical export form, inclusion
 * proofs of one entry in a signed checkpoint, and consistency proofs between two checkpoints (audit-proofs/README.md).
 */
@ApplicationScoped
public class Proofs {

    private static final String ENTRY = """
            SELECT position, event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message, prev_hash, hash
            FROM event_log""";

    private final DataSource dataSource;
    private final Checkpoints checkpoints;

    public Proofs(DataSource dataSource, Checkpoints checkpoints) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
    }

    /** Chained entries from {@code from} on, in chain order, as exported. */
    public List<LogEntry> export(long from, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(ENTRY + " WHERE position >= ? ORDER BY position LIMIT ?")) {
            s.setLong(1, from);
            s.setInt(2, limit);
            List<LogEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return entries;
        }
    }

    /** The proof that the entry at {@code position} is in the checkpoint of {@code treeSize} (by default the latest). */
    public InclusionProof inclusion(long position, Optional<Long> treeSize) throws SQLException {
        return inclusion(ENTRY + " WHERE position = ?", s -> s.setLong(1, position), "at position " + position, treeSize);
    }

    /** The proof that the entry of event {@code eventId} is in the checkpoint of {@code treeSize} (by default the latest). */
    public InclusionProof inclusionOf(UUID eventId, Optional<Long> treeSize) throws SQLException {
        return inclusion(ENTRY + " WHERE event_id = ? AND position IS NOT NULL", s -> s.setObject(1, eventId), "of event " + eventId, treeSize);
    }

    private interface Binder {

        void bind(PreparedStatement s) throws SQLException;
    }

    private InclusionProof inclusion(String sql, Binder binder, String which, Optional<Long> treeSize) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            LogEntry entry;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new RuleViolation(PlatformRule.LOG_ENTRY_NOT_FOUND, "the event log has no chained entry " + which
                            + " (an entry is chained within seconds of its commit)");
                }
                entry = entry(rs);
            }
            SignedCheckpoint checkpoint = checkpoint(treeSize);
            if (checkpoint.checkpoint().treeSize() < entry.position()) {
                throw new RuleViolation(PlatformRule.NOT_YET_CHECKPOINTED, "entry " + entry.position() + " is newer than the checkpoint of "
                        + checkpoint.checkpoint().treeSize() + " entries; ask for a checkpoint (POST /api/audit/checkpoints) or name a larger one");
            }
            try (MerkleNodes tree = new MerkleNodes(c)) {
                return InclusionProof.of(checkpoint, entry, tree);
            }
        } catch (MerkleNodes.MerkleReadException e) {
            throw e.getCause();
        }
    }

    /** The proof that the log of checkpoint {@code firstSize} is a prefix of the log of checkpoint {@code secondSize}. */
    public ConsistencyProof consistency(long firstSize, long secondSize) throws SQLException {
        if (firstSize > secondSize) {
            throw new RuleViolation(PlatformRule.CHECKPOINTS_OUT_OF_ORDER, "the first checkpoint (" + firstSize
                    + " entries) is larger than the second (" + secondSize + "): swap them");
        }
        SignedCheckpoint first = checkpoints.requireAt(firstSize);
        SignedCheckpoint second = checkpoints.requireAt(secondSize);
        try (Connection c = dataSource.getConnection(); MerkleNodes tree = new MerkleNodes(c)) {
            return ConsistencyProof.of(first, second, tree);
        } catch (MerkleNodes.MerkleReadException e) {
            throw e.getCause();
        }
    }

    private SignedCheckpoint checkpoint(Optional<Long> treeSize) throws SQLException {
        return treeSize.isPresent() ? checkpoints.requireAt(treeSize.get()) : checkpoints.requireLatest();
    }

    private static LogEntry entry(ResultSet rs) throws SQLException {
        return new LogEntry(rs.getLong(1), rs.getObject(2, UUID.class).toString(), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), ChainHash.instant(rs.getObject(7, OffsetDateTime.class).toInstant()), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }
}
