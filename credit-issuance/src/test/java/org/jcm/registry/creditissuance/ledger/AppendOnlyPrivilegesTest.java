package org.jcm.registry.creditissuance.ledger;

import java.sql.SQLException;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.testsupport.Privileges;
import org.junit.jupiter.api.Test;

/**
 * The ledger's history is written once: credit-issuance's own database role may not update, delete or truncate it (a unit
 * block only ever gets its closing pair set), nor switch off the triggers that guard it.
 */
@QuarkusTest
class AppendOnlyPrivilegesTest {

    private static final String SCHEMA = "credit_issuance";

    @Test
    void theServiceRoleCannotRewriteTheLedgersHistory() throws SQLException {
        for (String table : new String[]{"ledger_transaction", "issuance_line", "account_state_change", "verified_vintage",
                "article6_authorization", "authorized_range", "first_transfer", "corresponding_adjustment"}) {
            Privileges.assertAppendOnly(SCHEMA, table);
        }
        Privileges.assertAppendOnly(SCHEMA, "unit_block", "closed_by", "closed_at");
    }

    @Test
    void theServiceRoleCannotRewriteItsEventLog() throws SQLException {
        Privileges.assertAppendOnly(SCHEMA, "event_log", "position", "prev_hash", "hash", "chained_at", "published_at");
    }
}
