package org.jcm.registry.platform.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.audit.LogEntry;
import org.jcm.registry.audit.Merkle;
import org.jcm.registry.platform.PlatformConfig;

/**
 * Gives entries written by committed business transactions their place in the hash chain (the next position and the
 * SHA-256 over the previous hash and the entry) and in the log's Merkle tree, in the same transaction. Runs only on the
 * leading relay's session, so the chain has one writer; a business transaction never waits for it.
 */
@ApplicationScoped
public class ChainWriter {

    private final RelayConnection session;
    private final PlatformConfig config;

    public ChainWriter(RelayConnection session, PlatformConfig config) {
        this.session = session;
        this.config = config;
    }

    /** Chains one batch of new entries, oldest first; returns how many (0 if none waited or another replica leads). */
    public int chainPending() throws SQLException {
        return session.asLeader(this::chainBatch).orElse(0);
    }

    private int chainBatch(Connection c) throws SQLException {
        long position = 0;
        String prevHash = LogEntry.GENESIS;
        try (PreparedStatement last = c
                .prepareStatement("SELECT position, hash FROM event_log WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1");
                ResultSet rs = last.executeQuery()) {
            if (rs.next()) {
                position = rs.getLong(1);
                prevHash = rs.getString(2);
            }
        }
        try (MerkleNodes tree = new MerkleNodes(c)) {
            long treeSize = MerkleNodes.size(c);
            if (treeSize < position) {
                return growTree(c, tree, treeSize);
            }
            if (treeSize > position) {
                throw new IllegalStateException("the event log's Merkle tree holds " + treeSize + " entries but its chain only " + position);
            }
            int chained = 0;
            try (PreparedStatement pending = c.prepareStatement("""
                    SELECT seq, event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message
                    FROM event_log WHERE position IS NULL ORDER BY seq LIMIT ?""");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE event_log SET position = ?, prev_hash = ?, hash = ?, chained_at = now() WHERE seq = ? AND position IS NULL")) {
                pending.setInt(1, config.eventLog().relayBatchSize());
                try (ResultSet rs = pending.executeQuery()) {
                    while (rs.next()) {
                        position++;
                        byte[] canonical = LogEntry.canonical(prevHash, position, rs.getObject(2, UUID.class).toString(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6),
                                ChainHash.instant(rs.getObject(7, OffsetDateTime.class).toInstant()),
                                rs.getString(8));
                        String hash = ChainHash.sha256Hex(canonical);
                        update.setLong(1, position);
                        update.setString(2, prevHash);
                        update.setString(3, hash);
                        update.setLong(4, rs.getLong(1));
                        update.addBatch();
                        tree.append(position - 1, Merkle.leafHash(canonical));
                        prevHash = hash;
                        chained++;
                    }
                }
                if (chained > 0) {
                    update.executeBatch();
                    tree.flush();
                }
            }
            return chained;
        }
    }

    /**
     * Adds to the Merkle tree entries chained before it existed (a log older than the tree), one batch at a time, from
     * their stored chain fields: the tree then covers the whole log before any new entry is chained.
     */
    private int growTree(Connection c, MerkleNodes tree, long treeSize) throws SQLException {
        int added = 0;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT position, prev_hash, event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message
                FROM event_log WHERE position > ? ORDER BY position LIMIT ?""")) {
            s.setLong(1, treeSize);
            s.setInt(2, config.eventLog().relayBatchSize());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    byte[] canonical = LogEntry.canonical(rs.getString(2), position, rs.getObject(3, UUID.class).toString(), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), ChainHash.instant(rs.getObject(8, OffsetDateTime.class).toInstant()),
                            rs.getString(9));
                    tree.append(position - 1, Merkle.leafHash(canonical));
                    added++;
                }
            }
        }
        tree.flush();
        return added;
    }
}
