package org.jcm.registry.creditissuance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jcm.registry.creditissuance.Ledgers.line;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Overlap;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * What the database itself refuses: overlapping blocks of one registry, a block changed or deleted, a serial counter
 * going back. And two issuances racing in one registry get serials that do not overlap.
 */
@QuarkusTest
class LedgerInvariantsTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void twoIssuancesRacingInOneRegistryGetSerialsThatDoNotOverlap() throws Exception {
        Ledgers.activate(codec, "PH", "PHL", "Philippines");
        ProjectSnapshot project = Ledgers.registerProject(codec, "PH", "PH001");
        LocalDate[] starts = {LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 1)};
        String[] issuances = new String[2];
        for (int i = 0; i < 2; i++) {
            Ledgers.verify(codec, project, starts[i], starts[i].plusYears(1).minusDays(1), Map.of(2020 + i, 1000L));
            issuances[i] = Ledgers.requestIssuance("PH001", starts[i], starts[i].plusYears(1).minusDays(1));
        }
        List<Callable<Response>> decisions = List.of(
                () -> Ledgers.decide(issuances[0], "JC-PH-1", List.of(line("PH", "PH-100-1", 2020, 1000))),
                () -> Ledgers.decide(issuances[1], "JC-PH-2", List.of(line("PH", "PH-100-1", 2021, 1000))));

        List<Response> answers = Overlap.holding("credit_issuance", "registry", decisions);

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        long[] first = range(answers.get(0).jsonPath());
        long[] second = range(answers.get(1).jsonPath());
        assertThat(first[1] < second[0] || second[1] < first[0]).as("%s-%s and %s-%s", first[0], first[1], second[0], second[1]).isTrue();
        assertThat(Math.max(first[1], second[1]) - Math.min(first[0], second[0])).isEqualTo(1999);
    }

    @Test
    void theServiceRoleCannotWriteAnOverlappingBlockNorRewriteOrDeleteOne() throws SQLException {
        Ledgers.activate(codec, "KE", "KEN", "Kenya");
        JsonPath account = Ledgers.fundedAccount(codec, "KE", "KE001", 40, null);
        try (Connection c = TestInfra.serviceConnection("credit_issuance"); Statement s = c.createStatement()) {
            String copy = """
                    INSERT INTO unit_block (registry_code, serials, project_id, project_reference, period_start, period_end, vintage, issuance_id,
                        account_id, final, origin, parent_id, opened_by, opened_at)
                    SELECT registry_code, int8range(lower(serials) + %d, upper(serials) + %d), project_id, project_reference, period_start, period_end,
                        vintage, issuance_id, account_id, final, origin, parent_id, opened_by, opened_at
                    FROM unit_block WHERE account_id = '%s' AND closed_by IS NULL""";
            assertThatThrownBy(() -> s.execute(copy.formatted(10, 10, account.getString("id")))).hasMessageContaining("unit_block_no_overlap_ex");
            assertThatThrownBy(() -> s.execute("UPDATE unit_block SET vintage = 2019 WHERE account_id = '" + account.getString("id") + "'"))
                    .hasMessageContaining("permission denied for table unit_block");
            assertThatThrownBy(() -> s.execute("DELETE FROM unit_block WHERE account_id = '" + account.getString("id") + "'"))
                    .hasMessageContaining("permission denied for table unit_block");
            // The one update the service may make, closing a block, it may make once (inside a transaction rolled back: the
            // block is not really closed).
            c.setAutoCommit(false);
            String close = "UPDATE unit_block SET closed_by = opened_by, closed_at = opened_at WHERE account_id = '" + account.getString("id") + "'";
            assertThat(s.executeUpdate(close + " AND closed_by IS NULL")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute(close)).hasMessageContaining("only ever closed, once");
            c.rollback();
            c.setAutoCommit(true);
            assertThatThrownBy(() -> s.execute("UPDATE registry SET last_serial = last_serial - 1 WHERE code = 'KE'"))
                    .hasMessageContaining("never goes back");
            assertThatThrownBy(() -> s.execute("DELETE FROM ledger_transaction"))
                    .hasMessageContaining("permission denied for table ledger_transaction");
        }
        // Behind the grants, the triggers still refuse whoever holds more rights than the service (its schema's owner, a superuser).
        try (Connection c = TestInfra.adminConnection("credit_issuance"); Statement s = c.createStatement()) {
            assertThatThrownBy(
                    () -> s.execute("UPDATE credit_issuance.unit_block SET vintage = 2019 WHERE account_id = '" + account.getString("id") + "'"))
                    .hasMessageContaining("only ever closed, once");
            assertThatThrownBy(() -> s.execute("DELETE FROM credit_issuance.unit_block WHERE account_id = '" + account.getString("id") + "'"))
                    .hasMessageContaining("never deleted");
            assertThatThrownBy(() -> s.execute("DELETE FROM credit_issuance.ledger_transaction")).hasMessageContaining("never updated or deleted");
        }
    }

    private static long[] range(JsonPath issuance) {
        return new long[]{issuance.getLong("lines[0].firstSerial"), issuance.getLong("lines[0].lastSerial")};
    }
}
