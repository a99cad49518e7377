package org.jcm.registry.platform.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.platform.PlatformConfig;

/**
 * Gives entries written by committed business transactions their place in the hash chain: the next position and
 * the SHA-256 over the previous hash and the entry. Runs only on the leading relay's session, so the chain has one
 * writer; a business transaction never waits for it.
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
        String prevHash = ChainHash.GENESIS;
        try (PreparedStatement last = c
                .prepareStatement("SELECT position, hash FROM event_log WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1");
                ResultSet rs = last.executeQuery()) {
            if (rs.next()) {
                position = rs.getLong(1);
                prevHash = rs.getString(2);
            }
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
                    ChainHash.Content content = new ChainHash.Content(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getObject(7, java.time.OffsetDateTime.class).toInstant(), rs.getString(8));
                    position++;
                    String hash = ChainHash.of(prevHash, position, content);
                    update.setLong(1, position);
                    update.setString(2, prevHash);
                    update.setString(3, hash);
                    update.setLong(4, rs.getLong(1));
                    update.addBatch();
                    prevHash = hash;
                    chained++;
                }
            }
            if (chained > 0) {
                update.executeBatch();
            }
        }
        return chained;
    }

}
