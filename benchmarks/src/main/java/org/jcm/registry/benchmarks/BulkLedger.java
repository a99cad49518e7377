package org.jcm.registry.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jcm.registry.testsupport.PostgresServer;

/**
 * Grows the ledger to a given number of transactions straight in PostgreSQL, because a million transactions cannot be made
 * through REST in a benchmark's time. Set-based SQL writes exactly the rows credit-issuance's {@code Ledger.move} writes for
 * an internal transfer of one credit: a COMPLETED {@code INTERNAL_TRANSFER} transaction, the sender's current block closed by
 * it, and two blocks opened by it at its time, the lowest serial MOVED to the receiver and the rest KEPT by the sender, both
 * children of the closed block. It runs as the service's own database role, in the service's tables, with every constraint
 * and trigger in force: the append-only trigger checks each closing, the exclusion constraint each open block, the foreign
 * keys every reference. Block ids come from the table's own identity sequence.
 *
 * <p>What it does not write: the service's event-log entries for these transfers (their hash chain is the relay's, and
 * publishing a million events is not what is measured; the auditor queries read neither). Its transactions' actor is
 * {@value #ACTOR}, so they can be told from those made through REST.
 *
 * <p>Each sender starts from the one open block it holds (funded through REST) and sends its transfers one after the other,
 * each to the next receiver; the senders take turns. A batch's transactions are dated evenly between the ledger's last
 * transaction and the moment the batch is written, and inserted in that order (so within a writer {@code seq} follows
 * {@code at}; the writers' batches interleave in time, as concurrent clients' transactions do).
 */
final class BulkLedger {

    static final String ACTOR = "benchmark-bulk-sql";

    /** What one growth wrote: transactions added, the ledger's size after it, how long the writes and the VACUUM ANALYZE took. */
    record Growth(long added, long total, double writeSeconds, double vacuumSeconds) {}

    private final PostgresServer.ServiceDatabase db;
    private final String registry;
    private final int batch;
    private final int writers;

    BulkLedger(PostgresServer.ServiceDatabase db, String registry, int batch, int writers) {
        this.db = db;
        this.registry = registry;
        this.batch = batch;
        this.writers = writers;
    }

    /** As the schema's owner: a bulk load of history (and moving the serial sequence on) is not something the service's role may do. */
    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUsername(), db.ownerPassword());
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + db.schema());
        }
        return c;
    }

    long transactions() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_transaction")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Adds internal transfers of one credit from {@code senders} to {@code receivers} until the ledger holds {@code target}
     * transactions, in batches of a transaction each, written by {@code writers} connections at once (each for a share of
     * the senders: one backend per core, as a bulk loader would); then VACUUM ANALYZE of the two tables, as autovacuum
     * would do soon after such a growth, so that the queries measured next are planned on the ledger as it is.
     */
    Growth growTo(long target, List<UUID> senders, List<UUID> receivers) throws Exception {
        long start = System.nanoTime();
        long added = 0;
        int w = Math.max(1, Math.min(writers, senders.size()));
        List<List<UUID>> shares = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            shares.add(senders.subList(i * senders.size() / w, (i + 1) * senders.size() / w));
        }
        ExecutorService pool = Executors.newFixedThreadPool(w);
        List<Connection> connections = new ArrayList<>();
        try (Connection coordinator = connect()) {
            for (int i = 0; i < w; i++) {
                connections.add(connect());
                connections.get(i).setAutoCommit(false);
            }
            for (long have = count(coordinator); have < target; have = count(coordinator)) {
                int n = (int) Math.min(batch, target - have);
                List<Future<Void>> running = new ArrayList<>();
                for (int i = 0; i < w; i++) {
                    int share = n / w + (i < n % w ? 1 : 0);
                    if (share > 0) {
                        Connection c = connections.get(i);
                        List<UUID> from = shares.get(i);
                        // Two block ids per transfer from the table's own identity sequence, reserved before the writers start.
                        long base = reserveBlockIds(coordinator, 2L * share);
                        running.add(pool.submit(() -> {
                            transfers(c, share, from, receivers, base);
                            c.commit();
                            return null;
                        }));
                    }
                }
                for (Future<Void> f : running) {
                    f.get();
                }
                added += n;
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long vacuumStart = System.nanoTime();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) ledger_transaction, unit_block");
        }
        return new Growth(added, transactions(), writeSeconds, (System.nanoTime() - vacuumStart) / 1e9);
    }

    /** Takes {@code ids} consecutive values of unit_block's identity sequence; returns the first. */
    private static long reserveBlockIds(Connection c, long ids) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('unit_block', 'id'))")) {
            rs.next();
            long base = rs.getLong(1);
            s.execute("SELECT setval(pg_get_serial_sequence('unit_block', 'id'), " + (base + ids - 1) + ")");
            return base;
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_transaction")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One batch: {@code n} transfers, sender {@code n % B} making its {@code n / B + 1}-th, to receiver {@code (i + j) % R}. */
    private void transfers(Connection c, int n, List<UUID> senders, List<UUID> receivers, long base) throws SQLException {
        int b = senders.size();
        int r = receivers.size();
        try (Statement s = c.createStatement()) {
            // Each sender's current block: exactly one, free, with room for its transfers and a remainder it keeps.
            try (PreparedStatement p = c.prepareStatement("""
                    CREATE TEMP TABLE bulk_sender ON COMMIT DROP AS
                    SELECT s.ord::int - 1 AS i, b.id AS block_id, b.account_id, lower(b.serials) AS lo, upper(b.serials) AS hi, b.registry_code,
                           b.project_id, b.project_reference, b.period_start, b.period_end, b.vintage, b.issuance_id, b.final, b.opened_at
                    FROM unnest(?) WITH ORDINALITY AS s(account_id, ord)
                    JOIN unit_block b ON b.account_id = s.account_id AND b.closed_by IS NULL AND b.reserved_for IS NULL""")) {
                p.setArray(1, uuids(c, senders));
                p.execute();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT i), count(*) FILTER (WHERE hi - lo <= " + (n / b + 1)
                    + ") FROM bulk_sender")) {
                rs.next();
                if (rs.getInt(1) != b || rs.getInt(2) != b || rs.getInt(3) != 0) {
                    throw new IllegalStateException("each bulk sender must hold exactly one free block of more than " + (n / b + 1)
                            + " credits: " + rs.getInt(1) + " blocks for " + b + " senders, " + rs.getInt(3) + " too small");
                }
            }
            try (PreparedStatement p = c.prepareStatement("""
                    CREATE TEMP TABLE bulk_receiver ON COMMIT DROP AS
                    SELECT r.ord::int - 1 AS k, a.id AS account_id, a.type IN ('RETIREMENT', 'CANCELLATION') AS final
                    FROM unnest(?) WITH ORDINALITY AS r(account_id, ord) JOIN account a ON a.id = r.account_id AND a.state = 'OPEN'""")) {
                p.setArray(1, uuids(c, receivers));
                p.execute();
            }
            s.execute("""
                    CREATE TEMP TABLE bulk_tx ON COMMIT DROP AS
                    SELECT x.n, x.n %% %1$d AS i, x.n / %1$d + 1 AS j, gen_random_uuid() AS id, r.account_id AS to_account, r.final AS to_final,
                           t.t0 + (t.t1 - t.t0) * ((x.n + 1)::float8 / %3$d) AS at
                    FROM generate_series(0, %3$d - 1) AS x(n)
                    CROSS JOIN (SELECT greatest((SELECT max(at) FROM ledger_transaction), (SELECT max(opened_at) FROM bulk_sender)) AS t0,
                                       clock_timestamp() AS t1) t
                    JOIN bulk_receiver r ON r.k = (x.n %% %1$d + x.n / %1$d) %% %2$d""".formatted(b, r, n));
            s.execute("CREATE UNIQUE INDEX ON bulk_tx (n)");
            s.execute("ANALYZE bulk_sender, bulk_receiver, bulk_tx");

            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO ledger_transaction (id, registry_code, type, state, actor, at, from_account, to_account, quantity)
                    SELECT t.id, ?, 'INTERNAL_TRANSFER', 'COMPLETED', ?, t.at, s.account_id, t.to_account, 1
                    FROM bulk_tx t JOIN bulk_sender s ON s.i = t.i ORDER BY t.n""")) {
                p.setString(1, registry);
                p.setString(2, ACTOR);
                if (p.executeUpdate() != n) {
                    throw new IllegalStateException("not every bulk transaction was written");
                }
            }
            // The senders' current blocks, closed by their first transfer of the batch (the append-only trigger checks it).
            int closed = s.executeUpdate("""
                    UPDATE unit_block b SET closed_by = t.id, closed_at = t.at
                    FROM bulk_sender s JOIN bulk_tx t ON t.i = s.i AND t.j = 1
                    WHERE b.id = s.block_id AND b.closed_by IS NULL""");
            if (closed != Math.min(b, n)) {
                throw new IllegalStateException(closed + " of " + Math.min(b, n) + " senders' blocks closed: was another writer at work?");
            }
            // MOVED gets id base + 2n, KEPT base + 2n + 1 (the ledger opens them in that order).
            int opened = s.executeUpdate("""
                    INSERT INTO unit_block (id, registry_code, serials, project_id, project_reference, period_start, period_end, vintage,
                        issuance_id, account_id, final, origin, parent_id, opened_by, opened_at, closed_by, closed_at, reserved_for)
                    OVERRIDING SYSTEM VALUE
                    SELECT * FROM (
                        SELECT %1$d + 2 * t.n, s.registry_code, int8range(s.lo + t.j - 1, s.lo + t.j), s.project_id, s.project_reference,
                               s.period_start, s.period_end, s.vintage, s.issuance_id, t.to_account, t.to_final, 'MOVED',
                               CASE WHEN t.j = 1 THEN s.block_id ELSE %1$d + 2 * (t.n - %2$d) + 1 END, t.id, t.at,
                               CAST(NULL AS uuid), CAST(NULL AS timestamptz), CAST(NULL AS uuid)
                        FROM bulk_tx t JOIN bulk_sender s ON s.i = t.i
                        UNION ALL
                        SELECT %1$d + 2 * t.n + 1, s.registry_code, int8range(s.lo + t.j, s.hi), s.project_id, s.project_reference,
                               s.period_start, s.period_end, s.vintage, s.issuance_id, s.account_id, s.final, 'KEPT',
                               CASE WHEN t.j = 1 THEN s.block_id ELSE %1$d + 2 * (t.n - %2$d) + 1 END, t.id, t.at,
                               nx.id, nx.at, CAST(NULL AS uuid)
                        FROM bulk_tx t JOIN bulk_sender s ON s.i = t.i LEFT JOIN bulk_tx nx ON nx.n = t.n + %2$d) blocks
                    ORDER BY 1""".formatted(base, b));
            if (opened != 2 * n) {
                throw new IllegalStateException(opened + " blocks opened for " + n + " transfers");
            }
        }
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
