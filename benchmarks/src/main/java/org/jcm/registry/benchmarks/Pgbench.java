package org.jcm.registry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jcm.registry.testsupport.PostgresServer;

/**
 * pgbench's TPC-B-like script on the PostgreSQL server the service uses, in a database of its own, over TCP as the
 * server's admin: what that server commits per second when nothing but PostgreSQL stands between the client and the
 * disk. The limit each transfer load is read against.
 */
final class Pgbench {

    /** What one run gave: transactions per second (without connection time) and the mean latency. */
    record Result(int clients, int threads, int seconds, double tps, double latencyMillis) {}

    private final Path binary;
    private final PostgresServer postgres;
    private final Path work;
    private final List<String> connection;

    private Pgbench(Path binary, PostgresServer postgres, Path work) {
        this.binary = binary;
        this.postgres = postgres;
        this.work = work;
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/").matcher(postgres.adminUrl());
        if (!url.find()) {
            throw new IllegalStateException("cannot read host and port from " + postgres.adminUrl());
        }
        connection = List.of("-h", url.group(1), "-p", url.group(2) == null ? "5432" : url.group(2), "-U", postgres.adminUser());
    }

    /**
     * pgbench as {@code -Djcm.bench.pgbench} names it, else the newest {@code /usr/lib/postgresql/N/bin/pgbench} (Debian puts
     * it in the server package {@code postgresql-N}, not in {@code postgresql-client}), else {@code pgbench} on the PATH.
     */
    static Optional<Path> locate() {
        String named = System.getProperty("jcm.bench.pgbench", "");
        if (!named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> newest = versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable)
                    .max(Comparator.comparingInt(p -> versionOf(p.getParent().getParent())));
            if (newest.isPresent()) {
                return newest;
            }
        } catch (IOException e) {
            // no Debian PostgreSQL here
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, "pgbench")).filter(Files::isExecutable)
                .findFirst();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Initialises {@code pgbench -i -s scale} in a database of its own; returns a pgbench ready to run. */
    static Pgbench initialise(Path binary, PostgresServer postgres, int scale, Path work) throws Exception {
        postgres.createDatabaseIfAbsent("pgbench");
        Pgbench pgbench = new Pgbench(binary, postgres, work);
        pgbench.run(List.of("-i", "-q", "-s", Integer.toString(scale)), work.resolve("pgbench-init.log"));
        return pgbench;
    }

    String version() throws Exception {
        return run(List.of("--version"), work.resolve("pgbench-version.log")).trim();
    }

    /** The TPC-B-like script at {@code clients} clients for {@code seconds} (at most two threads: the machine's cores). */
    Result tpcbLike(int clients, int seconds) throws Exception {
        int threads = Math.min(clients, 2);
        Path log = work.resolve("pgbench-c" + clients + ".log");
        String out = run(List.of("-c", Integer.toString(clients), "-j", Integer.toString(threads), "-T", Integer.toString(seconds), "-b",
                "tpcb-like"), log);
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps; see " + log);
        }
        return new Result(clients, threads, seconds, Double.parseDouble(tps.group(1)), latency.find()
                ? Double.parseDouble(latency.group(1))
                : Double.NaN);
    }

    private String run(List<String> options, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(options);
        if (!options.contains("--version")) {
            command.addAll(connection);
            command.add("pgbench");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGPASSWORD", postgres.adminPassword());
        Process p = builder.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (p.isAlive() || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + ":\n" + Files.readString(log));
        }
        return Files.readString(log);
    }
}
