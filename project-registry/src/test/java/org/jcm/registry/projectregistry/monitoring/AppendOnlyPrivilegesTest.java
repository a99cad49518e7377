package org.jcm.registry.projectregistry.monitoring;

import java.sql.SQLException;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.testsupport.Privileges;
import org.junit.jupiter.api.Test;

/**
 * Monitoring reports and verifications are corrected by new records, never rewritten: project-registry's own database role
 * may not update, delete or truncate them, nor switch off the triggers that say so.
 */
@QuarkusTest
class AppendOnlyPrivilegesTest {

    private static final String SCHEMA = "project_registry";

    @Test
    void theServiceRoleCannotRewriteMonitoringOrVerification() throws SQLException {
        for (String table : new String[]{"monitoring_report_vintage", "verification", "verification_vintage"}) {
            Privileges.assertAppendOnly(SCHEMA, table);
        }
        // Its id is updatable by grant only so that the service may lock a report's row; the guard refuses the update itself.
        Privileges.assertAppendOnly(SCHEMA, "monitoring_report", "id");
    }

    @Test
    void theServiceRoleCannotRewriteItsEventLog() throws SQLException {
        Privileges.assertAppendOnly(SCHEMA, "event_log", "position", "prev_hash", "hash", "chained_at", "published_at");
    }
}
