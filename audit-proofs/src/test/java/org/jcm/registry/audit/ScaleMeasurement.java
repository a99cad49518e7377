package org.jcm.registry.audit;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How the proofs scale: a synthetic export of 10^6 entries (about 600-byte messages) with 5 signed checkpoints, the
 * offline log check over it, and 1,000 inclusion and 1,000 consistency proofs. Prints JSON. Run by measure-scale.sh
 * from the built classes; not a test, and nothing asserts on its times.
 */
public final class ScaleMeasurement {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Random random = new Random(20261201);
        KeyPair keys = Keys.generate();
        Path dir = Files.createTempDirectory("jcm-scale");
        Path export = dir.resolve("export.jsonl");
        Path checkpointsFile = dir.resolve("checkpoints.jsonl");
        Path keyFile = dir.resolve("key.pub.pem");
        Files.writeString(keyFile, Keys.publicPem(keys.getPublic()));

        TreeSet<Long> wanted = new TreeSet<>();
        while (wanted.size() < samples) {
            wanted.add(1 + (long) random.nextInt(n));
        }
        Map<Long, LogEntry> sampled = new HashMap<>();
        Merkle.MemoryTree tree = new Merkle.MemoryTree();
        List<SignedCheckpoint> checkpoints = new ArrayList<>();
        long exportBytes = 0;
        long messageBytes = 0;

        long t0 = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            String prev = LogEntry.GENESIS;
            for (long p = 1; p <= n; p++) {
                LogEntry e = Synthetic.entry(p, prev, 600);
                String line = e.toJson();
                w.write(line);
                w.write('\n');
                exportBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                messageBytes += e.message().getBytes(StandardCharsets.UTF_8).length;
                tree.append(e.leafHash());
                if (wanted.contains(p)) {
                    sampled.put(p, e);
                }
                if (p % (n / 5) == 0) {
                    checkpoints.add(Synthetic.checkpoint(tree, p, keys));
                }
                prev = e.hash();
            }
        }
        long buildMs = ms(t0);
        Files.write(checkpointsFile, checkpoints.stream().map(SignedCheckpoint::toJson).toList(), StandardCharsets.UTF_8);

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        t0 = System.nanoTime();
        int status = VerifierMain.run(new String[]{"log", "--export", export.toString(), "--checkpoints", checkpointsFile.toString(), "--key",
                keyFile.toString()}, new PrintStream(report, true, StandardCharsets.UTF_8));
        long verifyMs = ms(t0);
        if (status != 0) {
            throw new IllegalStateException("the log check failed:\n" + report.toString(StandardCharsets.UTF_8));
        }

        SignedCheckpoint head = checkpoints.get(checkpoints.size() - 1);
        List<Integer> inclusionSizes = new ArrayList<>();
        long generateNs = 0;
        long verifyNs = 0;
        for (long p : wanted) {
            long g = System.nanoTime();
            InclusionProof proof = InclusionProof.of(head, sampled.get(p), tree);
            generateNs += System.nanoTime() - g;
            long v = System.nanoTime();
            boolean ok = proof.verify(keys.getPublic());
            verifyNs += System.nanoTime() - v;
            if (!ok) {
                throw new IllegalStateException("inclusion proof of " + p + " failed");
            }
            inclusionSizes.add(proof.auditPath().size());
        }
        long inclusionGenerateMs = generateNs / 1_000_000;
        long inclusionVerifyMs = verifyNs / 1_000_000;

        List<Integer> consistencySizes = new ArrayList<>();
        generateNs = 0;
        verifyNs = 0;
        for (int i = 0; i < samples; i++) {
            long a = 1 + (long) random.nextInt(n);
            long b = 1 + (long) random.nextInt(n);
            long m = Math.min(a, b);
            long size = Math.max(a, b);
            SignedCheckpoint first = Synthetic.checkpoint(tree, m, keys);
            SignedCheckpoint second = Synthetic.checkpoint(tree, size, keys);
            long g = System.nanoTime();
            ConsistencyProof proof = ConsistencyProof.of(first, second, tree);
            generateNs += System.nanoTime() - g;
            long v = System.nanoTime();
            boolean ok = proof.verify(keys.getPublic());
            verifyNs += System.nanoTime() - v;
            if (!ok) {
                throw new IllegalStateException("consistency proof " + m + " to " + size + " failed");
            }
            consistencySizes.add(proof.proof().size());
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", n);
        out.put("checkpoints", checkpoints.stream().map(c -> c.checkpoint().treeSize()).toList());
        out.put("exportBytes", exportBytes);
        out.put("avgMessageBytes", messageBytes / n);
        out.put("avgExportLineBytes", exportBytes / n);
        out.put("buildExportMs", buildMs);
        out.put("buildExportNote", "generate, hash, write JSON lines and append to the in-memory Merkle tree (needed for the proofs below)");
        out.put("logVerifierMs", verifyMs);
        out.put("logVerifierNote",
                "VerifierMain log: read and parse the file, check every chain hash, the Merkle roots at 5 checkpoints, 5 signatures");
        out.put("inclusionProofs",
                ordered("count", samples, "treeSize", n, "generateMsTotal", inclusionGenerateMs, "verifyMsTotal", inclusionVerifyMs,
                        "verifyNote", "InclusionProof.verify: Ed25519 checkpoint signature, chain hash and RFC 9162 path", "hashes",
                        stats(inclusionSizes),
                        "bytes", stats(inclusionSizes.stream().map(s -> s * Merkle.HASH_SIZE).toList())));
        out.put("consistencyProofs", ordered("count", samples, "pairs", "random 1 <= m <= n <= " + n, "generateMsTotal", generateNs / 1_000_000,
                "verifyMsTotal", verifyNs / 1_000_000, "verifyNote", "ConsistencyProof.verify: two Ed25519 signatures and RFC 9162 check", "hashes",
                stats(consistencySizes), "bytes", stats(consistencySizes.stream().map(s -> s * Merkle.HASH_SIZE).toList())));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        out.put("peakHeapMiB", peak / (1024 * 1024));
        out.put("peakHeapNote",
                "sum of the heap pools' peak usage, with the in-memory tree of ~2n hashes (64 MB of hashes) that the proofs are generated from; the streaming log check itself keeps O(log n) hashes");
        out.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println(Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));

        Files.delete(export);
        Files.delete(checkpointsFile);
        Files.delete(keyFile);
        Files.delete(dir);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> stats(List<Integer> values) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("min", values.stream().mapToInt(Integer::intValue).min().orElse(0));
        s.put("avg", Math.round(values.stream().mapToInt(Integer::intValue).average().orElse(0) * 100) / 100.0);
        s.put("max", values.stream().mapToInt(Integer::intValue).max().orElse(0));
        return s;
    }

    private static long ms(long startNanos) {
        LongSupplier now = System::nanoTime;
        return (now.getAsLong() - startNanos) / 1_000_000;
    }
}
