package org.jcm.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: the binaries shipped in Maven jars (started here, also as root), or an external
 * server named by {@code JCM_POSTGRES_URL} (a JDBC URL of a database the given user may create roles and
 * databases from), {@code JCM_POSTGRES_USER} and {@code JCM_POSTGRES_PASSWORD}.
 *
 * <p>Each service gets its own schema, owned by a role that runs its migrations, and its own login role that owns nothing and
 * may write only what the migrations grant it, as in production: a service can reach no other service's tables, nor
 * rewrite its own append-only ones.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String EXTERNAL_URL_ENV = "JCM_POSTGRES_URL";

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;

    private PostgresServer(EmbeddedPostgres embedded, String adminUrl, String adminUser, String adminPassword) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** A server already running, reached as {@code adminUser} through {@code adminUrl}. */
    public static PostgresServer connect(String adminUrl, String adminUser, String adminPassword) {
        return new PostgresServer(null, adminUrl, adminUser, adminPassword);
    }

    public static PostgresServer startOrConnect(Path dataDir, int port, boolean clean) {
        String external = System.getenv(EXTERNAL_URL_ENV);
        if (external != null && !external.isBlank()) {
            return new PostgresServer(null, external, System.getenv().getOrDefault("JCM_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("JCM_POSTGRES_PASSWORD", "postgres"));
        }
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(dataDir.getParent().toFile())
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on");
            if (port > 0) {
                builder.setPort(port);
            }
            // Extra server settings for a measurement, e.g. -Djcm.postgres.settings=shared_preload_libraries=pg_stat_statements
            for (String setting : System.getProperty("jcm.postgres.settings", "").split(";")) {
                if (setting.contains("=")) {
                    builder.setServerConfig(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
                }
            }
            EmbeddedPostgres pg = builder.start();
            // Not pg.getJdbcUrl(): it puts user=postgres in the URL, which would override every service's own role.
            return new PostgresServer(pg, "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL for {@code database} on this server. */
    public String jdbcUrl(String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query >= 0 ? adminUrl.substring(query) : "");
    }

    public Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser, adminPassword);
    }

    /** Creates a new database (unique name from {@code prefix}) and returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        createDatabaseIfAbsent(name);
        return name;
    }

    public void createDatabaseIfAbsent(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + identifier(name) + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + identifier(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /**
     * Gives {@code schema} in {@code database} to an owner role ({@code <schema>_owner}, password {@code <password>_owner}),
     * which runs the service's migrations, and lets the service's own login role (named as the schema, password
     * {@code password}) use it without owning anything in it: what that role may do to each table is granted by the
     * migrations (platform's {@code V0_12__least_privilege.sql}). Neither role has rights on any other schema. Returns the
     * service's connection settings.
     *
     * <p>A schema provisioned before the owner role existed (owned by the service role) passes, with everything in it, to the
     * owner. Also creates, as the admin user, the extensions the services' migrations need and their roles may not create:
     * {@code btree_gist} (in schema public, for credit-issuance's exclusion constraints). Idempotent, so each database gets
     * it once however many services it holds.
     */
    public ServiceDatabase provisionService(String database, String schema, String password) {
        String role = identifier(schema);
        String owner = identifier(schema + "_owner");
        String ownerPassword = password + "_owner";
        try (Connection c = adminConnection(database); Statement s = c.createStatement()) {
            for (String[] login : new String[][]{{role, password}, {owner, ownerPassword}}) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + login[0] + "') THEN "
                        + "CREATE ROLE " + login[0] + " LOGIN PASSWORD '" + login[1].replace("'", "''") + "'; END IF; END $$");
                s.execute("ALTER ROLE " + login[0] + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
                s.execute("ALTER ROLE " + login[0] + " IN DATABASE " + identifier(database) + " SET search_path = " + role);
            }
            s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            s.execute("REVOKE ALL ON DATABASE " + identifier(database) + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + identifier(database) + " TO " + role);
            // TEMPORARY: a bulk load of history as the owner (the benchmark's) stages its rows in temporary tables.
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + identifier(database) + " TO " + owner);
            s.execute("CREATE SCHEMA IF NOT EXISTS " + role + " AUTHORIZATION " + owner);
            s.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_namespace WHERE nspname = '" + role + "' AND nspowner = '" + role
                    + "'::regrole) THEN ALTER SCHEMA " + role + " OWNER TO " + owner + "; REASSIGN OWNED BY " + role + " TO " + owner
                    + "; END IF; END $$");
            s.execute("GRANT USAGE ON SCHEMA " + role + " TO " + role);
            s.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not provision schema " + schema + " in " + database, e);
        }
        return new ServiceDatabase(jdbcUrl(database), role, password, schema, owner, ownerPassword);
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String adminUrl() {
        return adminUrl;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Stops the server whose data lives in {@code dataDir} (fast shutdown: sessions are cut, as in a crash of the
     * database host or a failover), for tests of what the services do while their database is gone.
     */
    public static void stop(Path dataDir) {
        pgCtl(dataDir, "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /**
     * Stops the server of {@code dataDir} (as {@link #stop}) for {@code downFor}, running {@code whileDown} in that time,
     * then starts it again (as {@link #start}), whatever {@code whileDown} did.
     */
    public static void downFor(Path dataDir, java.time.Duration downFor, Runnable whileDown) {
        long until = System.nanoTime() + downFor.toNanos();
        stop(dataDir);
        try {
            whileDown.run();
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, until - System.nanoTime()));
        } finally {
            start(dataDir);
        }
    }

    /** Starts the server of {@code dataDir} again with the options it last ran with (its {@code postmaster.opts}). */
    public static void start(Path dataDir) {
        pgCtl(dataDir, "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir.resolveSibling("postgres-restart.log").toString(),
                "-o", serverOptions(dataDir), "start");
    }

    /** The options of the last run, without the binary and the data directory, as pg_ctl's {@code -o} takes them. */
    private static String serverOptions(Path dataDir) {
        List<String> tokens = optsTokens(dataDir);
        StringBuilder options = new StringBuilder();
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).equals("-D")) {
                i++;
                continue;
            }
            options.append(" \"").append(tokens.get(i).replace("\"", "\\\"")).append('"');
        }
        return options.toString().trim();
    }

    private static List<String> optsTokens(Path dataDir) {
        String opts;
        try {
            opts = Files.readString(dataDir.resolve("postmaster.opts")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.opts in " + dataDir + ": was the server ever started there?", e);
        }
        List<String> tokens = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)").matcher(opts);
        while (m.find()) {
            tokens.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return tokens;
    }

    private static void pgCtl(Path dataDir, String... args) {
        Path postgres = Path.of(optsTokens(dataDir).get(0));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // As zonky does: PostgreSQL refuses to run as root, and in a user namespace of its own root is nobody.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(postgres.resolveSibling("pg_ctl").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How one service connects: its own role ({@code username}), and the role owning its schema, which runs its migrations
     * ({@code ownerUsername}).
     */
    public record ServiceDatabase(String jdbcUrl, String username, String password, String schema, String ownerUsername, String ownerPassword) {

        /** The service's settings for a database at {@code jdbcUrl} provisioned as {@link #provisionService} does, with development passwords. */
        public static ServiceDatabase of(String jdbcUrl, String schema) {
            return new ServiceDatabase(jdbcUrl, schema, schema, schema, schema + "_owner", schema + "_owner");
        }
    }
}
