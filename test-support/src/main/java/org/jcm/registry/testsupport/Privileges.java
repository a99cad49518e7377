package org.jcm.registry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a service's own database role may not do, tried for real: each statement runs as that role (in a transaction
 * rolled back afterwards, so a statement wrongly allowed changes nothing) and must be refused with SQLSTATE 42501
 * (insufficient_privilege), whether by a missing grant, by not owning the object, or by a guard trigger.
 */
public final class Privileges {

    private Privileges() {}

    /** Runs {@code sql} as {@code schema}'s service role and returns the refusal's message; fails if it was allowed. */
    public static String refusedToTheServiceRole(String schema, String sql) throws SQLException {
        try (Connection c = TestInfra.serviceConnection(schema)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                fail("the service role " + schema + " was allowed: " + sql);
                return null;
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as("SQLSTATE of: %s (%s)", sql, e.getMessage()).isEqualTo("42501");
                return e.getMessage();
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Checks that {@code schema}'s service role cannot rewrite {@code table}: no DELETE, no TRUNCATE, no UPDATE of any column
     * but {@code updatable} ones, and none of the table's triggers disabled or dropped, nor the table altered.
     */
    public static void assertAppendOnly(String schema, String table, String... updatable) throws SQLException {
        java.util.List<String> columns = new java.util.ArrayList<>();
        java.util.List<String> triggers = new java.util.ArrayList<>();
        try (Connection c = TestInfra.adminConnection(schema); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + schema
                    + "' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            try (var rs = s.executeQuery("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = '" + schema + "." + table
                    + "'::regclass")) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
        }
        assertThat(columns).as("columns of %s.%s", schema, table).isNotEmpty();
        assertThat(refusedToTheServiceRole(schema, "DELETE FROM " + table + " WHERE false")).contains("permission denied");
        assertThat(refusedToTheServiceRole(schema, "TRUNCATE " + table)).contains("permission denied");
        for (String column : columns) {
            if (!java.util.List.of(updatable).contains(column)) {
                assertThat(refusedToTheServiceRole(schema, "UPDATE " + table + " SET " + column + " = DEFAULT WHERE false"))
                        .contains("permission denied");
            }
        }
        for (String trigger : triggers) {
            assertThat(refusedToTheServiceRole(schema, "ALTER TABLE " + table + " DISABLE TRIGGER " + trigger)).contains("must be owner");
            assertThat(refusedToTheServiceRole(schema, "DROP TRIGGER " + trigger + " ON " + table)).contains("must be owner");
        }
        assertThat(refusedToTheServiceRole(schema, "ALTER TABLE " + table + " DISABLE TRIGGER ALL")).contains("must be owner");
    }
}
