package org.jcm.registry.platform.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jcm.registry.audit.Merkle;

/**
 * The event log's RFC 9162 Merkle tree as stored in {@code event_log_merkle_node}: every complete subtree once, so that
 * a root or a proof reads O(log n) rows. Reads through one connection and remembers what it read or appended; appended
 * nodes are written by {@link #flush()}, in the caller's transaction.
 */
final class MerkleNodes implements Merkle.NodeSource, AutoCloseable {

    private record Key(int level, long index) {}

    private final Connection connection;
    private final Map<Key, byte[]> known = new HashMap<>();
    private final List<Merkle.Node> appended = new ArrayList<>();
    private PreparedStatement read;

    MerkleNodes(Connection connection) {
        this.connection = connection;
    }

    /** How many entries the stored tree holds. */
    static long size(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT max(idx) FROM event_log_merkle_node WHERE level = 0");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            long last = rs.getLong(1);
            return rs.wasNull() ? 0 : last + 1;
        }
    }

    @Override
    public byte[] node(int level, long index) {
        return known.computeIfAbsent(new Key(level, index), k -> {
            try {
                if (read == null) {
                    read = connection.prepareStatement("SELECT hash FROM event_log_merkle_node WHERE level = ? AND idx = ?");
                }
                read.setInt(1, level);
                read.setLong(2, index);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the event log's Merkle tree has no node at level " + level + ", index " + index);
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new MerkleReadException(e);
            }
        });
    }

    /** Appends the leaf of the entry at {@code leafIndex} (its position - 1) and every subtree it completes. */
    void append(long leafIndex, byte[] leafHash) {
        for (Merkle.Node n : Merkle.append(leafIndex, leafHash, this)) {
            known.put(new Key(n.level(), n.index()), n.hash());
            appended.add(n);
        }
    }

    /** Writes the nodes appended since the last flush. */
    void flush() throws SQLException {
        if (appended.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_log_merkle_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (Merkle.Node n : appended) {
                insert.setInt(1, n.level());
                insert.setLong(2, n.index());
                insert.setBytes(3, n.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        appended.clear();
    }

    @Override
    public void close() throws SQLException {
        if (read != null) {
            read.close();
        }
    }

    /** A database failure while a proof or a root was being computed: the SQLException, unchecked through the library's interface. */
    static final class MerkleReadException extends RuntimeException {

        MerkleReadException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
