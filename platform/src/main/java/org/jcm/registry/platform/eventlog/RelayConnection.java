package org.jcm.registry.platform.eventlog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jcm.registry.platform.PlatformConfig;

/**
 * The relay's own database session. Holding it with a session-level advisory lock makes this replica the one relay of
 * its service: the chain has one writer and each topic one producer. The session is not from the pool, so the lock can
 * never leak into a pooled connection; when the session dies (a database restart), the lock goes with it and whichever
 * replica reconnects first leads. The lock is per schema: services sharing one database (the launcher, the end-to-end
 * tests) each have their own relay.
 */
@ApplicationScoped
public class RelayConnection {

    private static final Logger LOG = Logger.getLogger(RelayConnection.class);
    /** Advisory lock class: "JCMR" in ASCII; the object is the hash of the service's schema. */
    private static final int RELAY_LOCK_CLASS = 0x4A434D52;

    /** Work on the relay's session; runs with autocommit off and commits or rolls back as a whole. */
    @FunctionalInterface
    public interface Work<T> {

        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final String schema;
    private final Properties properties = new Properties();
    private Connection connection;
    private boolean leading;

    @Inject
    public RelayConnection(PlatformConfig config, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this(url, user, password, config.schema(), config.serviceName());
    }

    /** The relay session of the service owning {@code schema} in the database at {@code url}. */
    public RelayConnection(String url, String user, Optional<String> password, String schema, String serviceName) {
        this.url = url;
        this.schema = schema;
        properties.setProperty("user", user);
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("currentSchema", schema);
        properties.setProperty("ApplicationName", serviceName + "-event-log-relay");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "120");
    }

    /**
     * Runs {@code work} in one transaction of the relay's session if this replica leads (taking the lead if no one
     * holds it); returns empty if another replica leads. A failure closes the session: the next round starts afresh.
     */
    public synchronized <T> Optional<T> asLeader(Work<T> work) throws SQLException {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, properties);
                leading = false;
            }
            if (!leading) {
                connection.setAutoCommit(true);
                if (!tryLead(connection, schema)) {
                    return Optional.empty();
                }
                leading = true;
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return Optional.ofNullable(result);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static boolean tryLead(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            s.setInt(1, RELAY_LOCK_CLASS);
            s.setString(2, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Gives up the lead (closing the session releases the lock). */
    @PreDestroy
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the relay's session: %s", e.getMessage());
            }
            connection = null;
        }
        leading = false;
    }
}
