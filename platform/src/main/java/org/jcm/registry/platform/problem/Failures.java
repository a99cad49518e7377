package org.jcm.registry.platform.problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells apart, in a chain of causes, the failures of the parts the registry runs on (a database that is restarting,
 * a pool with no connection to give) from what a request or a message itself got wrong. An outage is waited for and
 * retried; it is never blamed on the message or the caller.
 */
public final class Failures {

    private Failures() {}

    /**
     * The database is unreachable, restarting, out of resources, or asked us to retry (serialization failure,
     * deadlock). SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P (operator intervention), 40001,
     * 40P01; and a pool that cannot hand out a connection.
     */
    public static boolean isOutage(Throwable e) {
        for (Throwable t : causesAndSuppressed(e)) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01"))) {
                    return true;
                }
                String message = s.getMessage();
                if (message != null && (message.contains("Acquisition timeout") || message.contains("This connection has been closed"))) {
                    return true;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value the database refused to store (SQLSTATE class 22, data exception: a NUL character, a date or number
     * out of its range, a string too long; 54000: an index row too large). The request or message carried it.
     */
    public static Optional<RuleViolation> dataRejection(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("22") || s.getSQLState().equals("54000"))) {
                String message = s.getMessage() == null ? s.getSQLState() : s.getMessage().lines().findFirst().orElse("");
                return Optional.of(new RuleViolation(PlatformRule.VALUE_NOT_STORABLE,
                        "the database refused a value of it (SQLSTATE " + s.getSQLState() + ": " + message + ")"));
            }
        }
        return Optional.empty();
    }

    /** The rule a cause chain carries, if any. */
    public static Optional<RuleViolation> ruleIn(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof RuleViolation v) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * Every throwable of {@code e}'s cause chains, those of its suppressed ones included: a commit the database cut off
     * surfaces as the transaction manager's RollbackException, with the driver's exception only in a suppressed
     * XAException (the fault suite found it answering 500 during a database restart).
     */
    private static List<Throwable> causesAndSuppressed(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        java.util.Deque<Throwable> pending = new java.util.ArrayDeque<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (e != null) {
            pending.add(e);
        }
        while (!pending.isEmpty() && all.size() < 64) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            all.add(t);
            Throwable cause = next(t);
            if (cause != null) {
                pending.add(cause);
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == t) {
            return null;
        }
        if (cause == null && t instanceof SQLException s) {
            return s.getNextException();
        }
        return cause;
    }
}
