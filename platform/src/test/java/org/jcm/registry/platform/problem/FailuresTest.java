package org.jcm.registry.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.transaction.RollbackException;

import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** What counts as an outage of the database, however deep the transaction manager buries the driver's exception. */
class FailuresTest {

    @Test
    void aCommitCutOffByADatabaseShutdownIsAnOutage() {
        // As Narayana reports a commit whose connection the server terminated (fast shutdown): the driver's exception is
        // only the cause of an XAException suppressed by the RollbackException.
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);

        assertThat(Failures.isOutage(new IllegalStateException(rollback))).isTrue();
    }

    @Test
    void aBrokenRuleOrABadValueIsNoOutage() {
        assertThat(Failures.isOutage(new IllegalStateException(new SQLException("duplicate key value", "23505")))).isFalse();
        RollbackException rollback = new RollbackException("could not commit");
        rollback.addSuppressed(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        assertThat(Failures.isOutage(rollback)).isFalse();
    }

    @Test
    void aConnectionLostOnTheWayIsAnOutage() {
        assertThat(Failures.isOutage(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .isTrue();
    }
}
