package org.jcm.registry.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Makes concurrent requests really overlap, instead of hoping a latch over HTTP does: while a test session holds an
 * exclusive lock on a table every request writes to at its end (the service's {@code event_log}, say), it fires the
 * requests and waits until that many of the service's database sessions are waiting for a lock. Only then is the
 * table released. So every request has read and checked what it reads and checks before any of them commits: a
 * guard that does not lock (or locks without reading again) lets several of them through, and the test sees it.
 */
public final class Overlap {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Overlap() {}

    /** Runs {@code requests} at once against the service owning {@code schema}, holding {@code table} until all of them wait. */
    @SafeVarargs
    public static <T> List<T> holding(String schema, String table, Callable<T>... requests) throws Exception {
        return holding(schema, table, List.of(requests));
    }

    public static <T> List<T> holding(String schema, String table, List<Callable<T>> requests) throws Exception {
        return holding(schema, table, requests.size(), requests);
    }

    /**
     * As above, releasing the table once {@code waiting} of the requests wait for it: more requests than the service has
     * database connections queue for a connection instead, and follow as soon as the first ones are through.
     */
    public static <T> List<T> holding(String schema, String table, int waiting, List<Callable<T>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try (Connection admin = TestInfra.adminConnection(schema); Connection observer = TestInfra.adminConnection(schema)) {
            admin.setAutoCommit(false);
            try (Statement s = admin.createStatement()) {
                s.execute("LOCK TABLE " + schema + "." + table + " IN EXCLUSIVE MODE");
            }
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> request : requests) {
                futures.add(pool.submit(request));
            }
            awaitWaiting(observer, schema, waiting);
            admin.commit();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until {@code count} sessions of the service's role (not its event log relay) wait for a lock. Polled on a session
     * of its own outside any transaction: within one, PostgreSQL would keep answering from its first snapshot.
     */
    private static void awaitWaiting(Connection observer, String role, int count) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int waiting = 0;
        try (PreparedStatement q = observer.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE usename = ? AND wait_event_type = 'Lock' AND application_name NOT LIKE '%relay%'""")) {
            q.setString(1, role);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    waiting = rs.getInt(1);
                }
                if (waiting >= count) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        throw new IllegalStateException("only " + waiting + " of " + count + " requests reached the lock within " + WAIT
                + ": they did not overlap (or do not write that table at their end)");
    }
}
