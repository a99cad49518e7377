package org.jcm.registry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jcm.registry.testsupport.ServiceProcess;

/** What a packaged service costs to run: the time from its process's start to ready, and its peak resident memory. */
final class ServiceFootprint {

    /** A service's start: seconds from the process's start to its first 200 on /q/health/ready, and Quarkus's own figure. */
    record Start(String service, double readySeconds, String quarkusStartedIn) {}

    private ServiceFootprint() {}

    /**
     * Starts the process and polls its readiness every 20 ms (finer than {@link ServiceProcess#awaitReady}, which waits a
     * quarter of a second between tries); the process's own start, not the poll, is the origin.
     */
    static Start start(ServiceProcess service, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long start = System.nanoTime();
        service.start();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.service().dir + " exited; see " + service.log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).timeout(Duration
                        .ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    return new Start(service.service().dir, seconds, quarkusStartedIn(service.log()));
                }
            } catch (IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException(service.service().dir + " was not ready within " + timeout + "; see " + service.log());
    }

    /** The process's peak resident set size so far (VmHWM in /proc/{pid}/status), in KiB; -1 where there is no /proc. */
    static long peakRssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** What Quarkus printed: "started in 4.997s", or "-" if the log does not say. */
    private static String quarkusStartedIn(Path log) {
        try {
            Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
            String last = "-";
            while (m.find()) {
                last = m.group(1) + " s";
            }
            return last;
        } catch (IOException e) {
            return "-";
        }
    }

    /**
     * The floor under any service's start on this machine: a JVM with the services' settings that starts, prints its version
     * and exits; seconds, the median of {@code times}.
     */
    static double bareJvmSeconds(String heap, int times) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] seconds = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-version")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[times / 2];
    }
}
