package org.jcm.registry.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

/**
 * The run's figures: each measure beside the limit it is read against, measured in the same run on the same machine, as a
 * table on stdout and as one JSON file per run under {@code benchmarks/results/}, named by commit and machine so that
 * runs can be compared.
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One line of the table; {@code data} holds its numbers for the JSON file. */
    record Row(String section, String measure, String value, String limit, String ratio, Map<String, Object> data) {}

    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Instant started = Instant.now();
    private final String commit;
    private final boolean dirty;
    private final String host;
    private final int cores = Runtime.getRuntime().availableProcessors();

    Report(Path repo) {
        commit = git(repo, "rev-parse", "--short", "HEAD").orElse("unknown");
        dirty = !git(repo, "status", "--porcelain", "--untracked-files=no").orElse("").isBlank();
        host = hostname();
        facts.put("commit", commit);
        facts.put("dirty", dirty);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("hostname", host);
        machine.put("cores", cores);
        machine.put("memoryGiB", memoryGiB());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("machine", machine);
        facts.put("started", started.toString());
    }

    void fact(String key, Object value) {
        facts.put(key, value);
    }

    void row(String section, String measure, String value, String limit, String ratio, Map<String, Object> data) {
        rows.add(new Row(section, measure, value, limit == null ? "-" : limit, ratio == null ? "-" : ratio, data));
    }

    /** The percentiles of a latency histogram in microseconds, as milliseconds. */
    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50Ms", millis(h.getValueAtPercentile(50)));
        m.put("p95Ms", millis(h.getValueAtPercentile(95)));
        m.put("p99Ms", millis(h.getValueAtPercentile(99)));
        m.put("maxMs", millis(h.getMaxValue()));
        return m;
    }

    static String p50p95p99(Histogram h) {
        return String.format("%s / %s / %s ms", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)));
    }

    static String p50p99(Histogram h) {
        return String.format("%s / %s ms", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)));
    }

    /** A histogram of microseconds up to a minute, three significant digits. */
    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    }

    static void record(Histogram h, long micros) {
        h.recordValue(Math.max(0, Math.min(h.getHighestTrackableValue(), micros)));
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static String ms(long micros) {
        double m = micros / 1000.0;
        return m >= 100 ? String.format("%.0f", m) : m >= 10 ? String.format("%.1f", m) : String.format("%.2f", m);
    }

    /** The rows by section (sections are numbered, so in their order), each section's rows as they were added. */
    private List<Row> ordered() {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::section));
        return sorted;
    }

    void printTable(PrintStream out) {
        int measureWidth = Math.max(8, rows.stream().mapToInt(r -> r.measure().length()).max().orElse(0));
        int valueWidth = Math.max(5, rows.stream().mapToInt(r -> r.value().length()).max().orElse(0));
        int limitWidth = Math.max(26, rows.stream().mapToInt(r -> r.limit().length()).max().orElse(0));
        String format = "  %-" + measureWidth + "s | %-" + valueWidth + "s | %-" + limitWidth + "s | %s%n";
        out.printf("%nLedger benchmark, commit %s%s, %s (%d cores), %s%n", commit, dirty ? " (with uncommitted changes)" : "", host, cores,
                DateTimeFormatter.ISO_LOCAL_DATE.format(started.atZone(ZoneOffset.UTC)));
        out.printf(format, "measure", "value", "limit (same run, same machine)", "ratio");
        out.println("  " + "-".repeat(measureWidth + valueWidth + limitWidth + 17));
        String section = null;
        for (Row r : ordered()) {
            if (!r.section().equals(section)) {
                section = r.section();
                out.println("  " + section);
            }
            out.printf(format, r.measure(), r.value(), r.limit(), r.ratio());
        }
    }

    /** Writes the run as {@code {commit}[-dirty]-{host}-{cores}cores-{UTC time}.json} in {@code dir}; returns the file. */
    Path writeJson(Path dir) throws IOException {
        Files.createDirectories(dir);
        String at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(started.atZone(ZoneOffset.UTC));
        Path file = dir.resolve(String.format("%s%s-%s-%dcores-%s.json", commit, dirty ? "-dirty" : "", host.replaceAll("[^A-Za-z0-9.-]", "_"),
                cores, at));
        Map<String, Object> out = new LinkedHashMap<>(facts);
        out.put("finished", Instant.now().toString());
        List<Map<String, Object>> measures = new ArrayList<>();
        for (Row r : ordered()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("section", r.section());
            m.put("measure", r.measure());
            m.put("value", r.value());
            m.put("limit", r.limit());
            m.put("ratio", r.ratio());
            m.putAll(r.data());
            measures.add(m);
        }
        out.put("measures", measures);
        Files.writeString(file, JSON.writeValueAsString(out) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static Optional<String> git(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String hostname() {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static long memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
