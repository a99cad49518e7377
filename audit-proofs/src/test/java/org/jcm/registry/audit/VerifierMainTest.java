package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierMainTest {

    @TempDir
    Path dir;

    record Run(int status, String out) {}

    static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = VerifierMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    /** keygen, then an export of 40 entries, checkpoints at 10, 25 and 40, and the key files. */
    private KeyPair setUp(List<LogEntry> log) throws IOException {
        Run keygen = run("keygen", "--out", dir.resolve("keys").toString());
        assertThat(keygen.status()).isZero();
        Path priv = dir.resolve("keys/signing-key.pem");
        Path pub = dir.resolve("keys/signing-key.pub.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        KeyPair keys = Keys.readPair(Files.readString(priv), Files.readString(pub));
        Merkle.MemoryTree tree = Synthetic.tree(log);
        writeExport(log);
        List<String> cps = new ArrayList<>();
        for (long size : new long[]{10, 25, 40}) {
            cps.add(Synthetic.checkpoint(tree, size, keys).toJson());
        }
        Files.write(dir.resolve("checkpoints.jsonl"), cps, StandardCharsets.UTF_8);
        return keys;
    }

    private void writeExport(List<LogEntry> log) throws IOException {
        Files.write(dir.resolve("export.jsonl"), log.stream().map(LogEntry::toJson).toList(), StandardCharsets.UTF_8);
    }

    private Run log() {
        return run("log", "--export", dir.resolve("export.jsonl").toString(), "--checkpoints", dir.resolve("checkpoints.jsonl").toString(), "--key",
                dir.resolve("keys/signing-key.pub.pem").toString());
    }

    @Test
    void logCommandOkAndTampered() throws IOException {
        List<LogEntry> log = new ArrayList<>(Synthetic.log(40));
        setUp(log);
        Run ok = log();
        assertThat(ok.status()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("40 checked, last position 40").contains("size 25").contains("verified").contains("Result: OK");

        log.set(11, Synthetic.withMessage(log.get(11), "{\"quantity\":1}"));
        writeExport(log);
        Run bad = log();
        assertThat(bad.status()).as(bad.out()).isEqualTo(1);
        assertThat(bad.out()).contains("position 12: hash does not match its content").contains("checkpoint 25: root").contains("Result: FAILED");
    }

    @Test
    void inclusionCommandOkAndTampered() throws IOException {
        List<LogEntry> log = Synthetic.log(40);
        KeyPair keys = setUp(log);
        Merkle.MemoryTree tree = Synthetic.tree(log);
        InclusionProof proof = InclusionProof.of(Synthetic.checkpoint(tree, 40, keys), log.get(11), tree);
        Path file = dir.resolve("inclusion.json");
        Files.writeString(file, proof.toJson());
        Run ok = run("inclusion", "--proof", file.toString(), "--key", dir.resolve("keys/signing-key.pub.pem").toString());
        assertThat(ok.status()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("OK: entry 12 (event " + log.get(11).eventId() + ", " + log.get(11).eventType() + ") is in "
                + "jcm-registry/credit-issuance's log of 40 entries, root " + Hex.hex(tree.root(40)) + ", signed at ");

        List<String> path = new ArrayList<>(proof.auditPath());
        path.set(2, "0" + path.get(2).substring(1).replace('0', '1'));
        Files.writeString(file, new InclusionProof(proof.checkpoint(), proof.entry(), 11, 40, path).toJson());
        Run bad = run("inclusion", "--proof", file.toString(), "--key", dir.resolve("keys/signing-key.pub.pem").toString());
        assertThat(bad.status()).as(bad.out()).isEqualTo(1);
        assertThat(bad.out()).startsWith("FAILED: entry 12").contains("does not lead from the entry");
    }

    @Test
    void consistencyCommandOkAndTampered() throws IOException {
        List<LogEntry> log = Synthetic.log(40);
        KeyPair keys = setUp(log);
        Merkle.MemoryTree tree = Synthetic.tree(log);
        ConsistencyProof proof = ConsistencyProof.of(Synthetic.checkpoint(tree, 25, keys), Synthetic.checkpoint(tree, 40, keys), tree);
        Path file = dir.resolve("consistency.json");
        Files.writeString(file, proof.toJson());
        Run ok = run("consistency", "--proof", file.toString(), "--key", dir.resolve("keys/signing-key.pub.pem").toString());
        assertThat(ok.status()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("OK: jcm-registry/credit-issuance's log of 40 entries").contains("extends its log of 25 entries");

        List<LogEntry> forked = new ArrayList<>(log);
        forked.set(3, Synthetic.withMessage(forked.get(3), "{\"forked\":true}"));
        Merkle.MemoryTree forkTree = Synthetic.tree(forked);
        Files.writeString(file, new ConsistencyProof(Synthetic.checkpoint(tree, 25, keys), Synthetic.checkpoint(forkTree, 40, keys),
                forkTree.consistencyProof(25, 40).stream().map(Hex::hex).toList()).toJson());
        Run bad = run("consistency", "--proof", file.toString(), "--key", dir.resolve("keys/signing-key.pub.pem").toString());
        assertThat(bad.status()).as(bad.out()).isEqualTo(1);
        assertThat(bad.out()).startsWith("FAILED: the proof does not show the log of 40 entries extends the log of 25");
    }

    record Run2(int status, String out, String err) {}

    static Run2 run2(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifierMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run2(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkpointsCommandCollectsFromRecordValuesWhatTheLogCommandChecks() throws IOException {
        List<LogEntry> log = Synthetic.log(40);
        KeyPair keys = setUp(log);
        Merkle.MemoryTree tree = Synthetic.tree(log);
        Path values = dir.resolve("values.jsonl");
        Files.write(values,
                List.of(CheckpointFetchTest.event(Synthetic.checkpoint(tree, 25, keys)), CheckpointFetchTest.otherEvent("ProjectRegistered"),
                        CheckpointFetchTest.event(Synthetic.checkpoint(tree, 10, keys)),
                        CheckpointFetchTest.event(Synthetic.checkpoint(tree, 40, keys)),
                        CheckpointFetchTest.event(Synthetic.checkpoint(tree, 25, keys))),
                StandardCharsets.UTF_8);
        Path collected = dir.resolve("collected.jsonl");
        Run2 r = run2("checkpoints", "--records", values.toString(), "--origin", Synthetic.ORIGIN, "--out", collected.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Read 5 records of " + values + ": 3 checkpoints of jcm-registry/credit-issuance kept, 1 duplicates dropped,"
                + " 0 refused; 0 checkpoint records of other origins, 1 other events, 0 records that are not CloudEvents.")
                .contains("  checkpoint 10: root " + Hex.hex(tree.root(10)) + ", 2026-12-02T00:00:10Z, key " + Keys.keyId(keys.getPublic()))
                .contains("Wrote 3 checkpoints to " + collected);
        assertThat(Files.readAllLines(collected)).isEqualTo(Files.readAllLines(dir.resolve("checkpoints.jsonl")));
        Run checked = run("log", "--export", dir.resolve("export.jsonl").toString(), "--checkpoints", collected.toString(), "--key",
                dir.resolve("keys/signing-key.pub.pem").toString());
        assertThat(checked.status()).as(checked.out()).isZero();

        // Without --out, the lines go to stdout.
        Run2 toStdout = run2("checkpoints", "--records", values.toString(), "--origin", Synthetic.ORIGIN);
        assertThat(toStdout.out().lines().toList()).isEqualTo(Files.readAllLines(collected));

        // A second root for size 25: both written, exit 1.
        List<LogEntry> forked = new ArrayList<>(log);
        forked.set(3, Synthetic.withMessage(forked.get(3), "{\"forked\":true}"));
        Files.writeString(values, CheckpointFetchTest.event(Synthetic.checkpoint(Synthetic.tree(forked), 25, keys)) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Run2 fork = run2("checkpoints", "--records", values.toString(), "--origin", Synthetic.ORIGIN, "--out", collected.toString());
        assertThat(fork.status()).as(fork.err()).isEqualTo(1);
        assertThat(fork.err()).contains("FORK: jcm-registry/credit-issuance has 2 checkpoints of size 25 with different roots");
        assertThat(Files.readAllLines(collected)).hasSize(4);

        Run2 none = run2("checkpoints", "--records", values.toString(), "--origin", "jcm-registry/nope");
        assertThat(none.status()).isZero();
        assertThat(none.err()).contains("5 checkpoint records of other origins (jcm-registry/credit-issuance: 5)")
                .contains("No checkpoints of jcm-registry/nope");
    }

    @Test
    void checkpointsCommandUsageAndAnUnreachableBroker() throws IOException {
        assertThat(run2("checkpoints", "--origin", "x").status()).isEqualTo(2);
        assertThat(run2("checkpoints", "--records", "a", "--kafka", "b", "--origin", "x").out()).contains("either --kafka");
        assertThat(run2("checkpoints", "--kafka", "b", "--origin", "x").out()).contains("missing --topic");
        Path settings = dir.resolve("client.properties");
        Files.writeString(settings, "bootstrap.servers=127.0.0.1:1\nsecurity.protocol=PLAINTEXT\ngroup.id=ignored\n");
        long start = System.nanoTime();
        Run2 r = run2("checkpoints", "--kafka", settings.toString(), "--topic", "jcm.partner.th.outbound.v1", "--origin", Synthetic.ORIGIN,
                "--timeout", "2");
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).startsWith("error: cannot read the topic: listing the partitions of jcm.partner.th.outbound.v1: TimeoutException");
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void usageAndInputErrorsExitTwo() throws IOException {
        assertThat(run("--help").status()).isZero();
        assertThat(run("--help").out()).contains("Usage:");
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("log", "--export", "x").status()).isEqualTo(2);
        assertThat(run("frobnicate").status()).isEqualTo(2);
        setUp(Synthetic.log(40));
        Run again = run("keygen", "--out", dir.resolve("keys").toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.out()).contains("not overwritten");
        Files.writeString(dir.resolve("export.jsonl"), "{\"position\":1}\n");
        Run broken = log();
        assertThat(broken.status()).isEqualTo(2);
        assertThat(broken.out()).contains("line 1").contains("missing");
        assertThat(run("log", "--export", dir.resolve("nope").toString(), "--checkpoints", dir.resolve("checkpoints.jsonl").toString(), "--key",
                dir.resolve("keys/signing-key.pub.pem").toString()).status()).isEqualTo(2);
    }
}
