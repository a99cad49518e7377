package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The independent Python verifier agrees with the Java code on what is intact and what is tampered with. */
class PythonVerifierTest {

    static final Path SCRIPT = Path.of("src/main/python/jcm_verify.py").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int status, String out) {}

    @BeforeAll
    static void requirePython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                fail("python3 --version failed: install python3 (3.8 or later) to run the independent verifier test");
            }
        } catch (IOException e) {
            fail("python3 is not installed: install python3 (3.8 or later) and openssl 3 to run the independent verifier test (" + e.getMessage()
                    + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        assertThat(SCRIPT).exists();
    }

    static Run python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void pythonVerifiesWhatJavaWroteAndFindsTheTampering() throws Exception {
        KeyPair keys = Keys.generate();
        List<LogEntry> log = new ArrayList<>();
        String prev = LogEntry.GENESIS;
        for (int p = 1; p <= 300; p++) {
            LogEntry e = Synthetic.entry(p, prev, 200);
            log.add(e);
            prev = e.hash();
        }
        assertThat(log).anyMatch(e -> e.message().contains("モンゴル")).anyMatch(e -> e.message().contains("🌞"));
        Merkle.MemoryTree tree = Synthetic.tree(log);
        List<String> cps = new ArrayList<>();
        for (long size : new long[]{1, 64, 100, 255, 300, 400}) {
            if (size <= 300) {
                cps.add(Synthetic.checkpoint(tree, size, keys).toJson());
            }
        }
        Path export = dir.resolve("export.jsonl");
        Path checkpoints = dir.resolve("checkpoints.jsonl");
        Path key = dir.resolve("key.pub.pem");
        Files.write(export, log.stream().map(LogEntry::toJson).toList(), StandardCharsets.UTF_8);
        Files.write(checkpoints, cps, StandardCharsets.UTF_8);
        Files.writeString(key, Keys.publicPem(keys.getPublic()));

        Run ok = python("log", export.toString(), checkpoints.toString(), key.toString());
        assertThat(ok.status()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("checkpoint 255: root " + Hex.hex(tree.root(255)) + " verified").contains("300 entries checked");

        Path proof = dir.resolve("inclusion.json");
        Files.writeString(proof, InclusionProof.of(Synthetic.checkpoint(tree, 300, keys), log.get(176), tree).toJson());
        Run inclusion = python("inclusion", proof.toString(), key.toString());
        assertThat(inclusion.status()).as(inclusion.out()).isZero();
        assertThat(inclusion.out()).contains("entry 177 is in jcm-registry/credit-issuance's log of 300 entries");

        List<LogEntry> tampered = new ArrayList<>(log);
        LogEntry victim = tampered.get(176);
        tampered.set(176, Synthetic.withMessage(victim, victim.message().replace("\"quantity\":", "\"quantity\":1")));
        Files.write(export, tampered.stream().map(LogEntry::toJson).toList(), StandardCharsets.UTF_8);
        Run bad = python("log", export.toString(), checkpoints.toString(), key.toString());
        assertThat(bad.status()).as(bad.out()).isEqualTo(1);
        assertThat(bad.out()).contains("position 177: hash does not match content").contains("checkpoint 255: root");

        // Entries removed at the head after checkpoint 300 was signed: the export ends at 260.
        Files.write(export, log.subList(0, 260).stream().map(LogEntry::toJson).toList(), StandardCharsets.UTF_8);
        Run truncated = python("log", export.toString(), checkpoints.toString(), key.toString());
        assertThat(truncated.status()).as(truncated.out()).isEqualTo(1);
        assertThat(truncated.out()).contains("FAILED checkpoint 300 signed 300 entries but the export ends at position 260: entries were"
                + " removed from the log, or the export is incomplete (export from position 1 to now)")
                .contains("checkpoint 255: root " + Hex.hex(tree.root(255)) + " verified").contains("FAILED: 1 problem(s)");

        Files.writeString(proof, InclusionProof.of(Synthetic.checkpoint(tree, 300, keys), tampered.get(176), tree).toJson());
        Run badInclusion = python("inclusion", proof.toString(), key.toString());
        assertThat(badInclusion.status()).as(badInclusion.out()).isEqualTo(1);
        assertThat(badInclusion.out()).contains("position 177");
    }
}
