package org.jcm.registry.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

/**
 * The auditor's offline verifier: {@code java -jar jcm-audit-verifier.jar log|inclusion|consistency|checkpoints|keygen
 * ...}. Exit status 0 when everything verifies, 1 when tampering or a failed proof is found, 2 on a usage or input
 * error.
 */
public final class VerifierMain {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    static final String USAGE = """
            JCM Registry audit verifier: checks an exported event log and its proofs offline.

            Usage:
              java -jar jcm-audit-verifier.jar log --export EXPORT.jsonl --checkpoints CHECKPOINTS.jsonl --key PUBLIC.pem
                  Checks every entry's chain hash and position, every checkpoint's signature, and that each
                  checkpoint's Merkle root is the root of the export at its size. A checkpoint beyond the export's last
                  position fails: entries were removed, or the export is incomplete (export from position 1 to now).
              java -jar jcm-audit-verifier.jar inclusion --proof PROOF.json --key PUBLIC.pem
                  Checks that one entry is in the log a signed checkpoint commits to.
              java -jar jcm-audit-verifier.jar consistency --proof PROOF.json --key PUBLIC.pem
                  Checks that a later signed checkpoint's log extends an earlier one's.
              java -jar jcm-audit-verifier.jar checkpoints --kafka CLIENT.properties --topic TOPIC --origin ORIGIN [--out FILE] [--timeout SECONDS]
              java -jar jcm-audit-verifier.jar checkpoints --records VALUES.jsonl --origin ORIGIN [--out FILE]
                  Collects ORIGIN's signed checkpoints (LogCheckpointSigned CloudEvents) from a Kafka topic, read from its
                  beginning to its current end without a consumer group (CLIENT.properties: the Kafka client settings),
                  or from a file of record values, one per line. Writes them as CHECKPOINTS.jsonl lines to FILE or
                  stdout, by tree size, one of each; a summary goes to stderr. Signatures are not checked here (log is).
                  Exit 1 if two checkpoints of one size have different roots (a fork; both are written).
              java -jar jcm-audit-verifier.jar keygen --out DIR
                  Writes a new Ed25519 signing key: DIR/signing-key.pem (private, mode 600) and DIR/signing-key.pub.pem.
              java -jar jcm-audit-verifier.jar --help

            Exit status: 0 verified, 1 tampering or a failed proof found, 2 usage or input error.
            """;

    private VerifierMain() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out) {
        return run(args, out, out);
    }

    /** @param err where {@code checkpoints} writes its summary (the other commands write everything to out) */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? ERROR : OK;
        }
        try {
            Map<String, String> opts = options(args);
            return switch (args[0]) {
                case "log" -> log(path(opts, "--export"), path(opts, "--checkpoints"), path(opts, "--key"), out);
                case "inclusion" -> inclusion(path(opts, "--proof"), path(opts, "--key"), out);
                case "consistency" -> consistency(path(opts, "--proof"), path(opts, "--key"), out);
                case "checkpoints" -> checkpoints(opts, out, err);
                case "keygen" -> keygen(path(opts, "--out"), out);
                default -> throw new UsageError("unknown command " + args[0]);
            };
        } catch (UsageError e) {
            out.println("error: " + e.getMessage());
            out.println();
            out.print(USAGE);
            return ERROR;
        } catch (IOException | UncheckedIOException e) {
            out.println("error: cannot read or write: " + e.getMessage());
            return ERROR;
        } catch (CheckpointFetch.FetchException e) {
            out.println("error: cannot read the topic: " + e.getMessage());
            return ERROR;
        } catch (IllegalArgumentException | NoSuchElementException e) {
            out.println("error: " + e.getMessage());
            return ERROR;
        }
    }

    private static int log(Path export, Path checkpointsFile, Path keyFile, PrintStream out) throws IOException {
        PublicKey key = readKey(keyFile);
        List<SignedCheckpoint> checkpoints = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(checkpointsFile, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    try {
                        checkpoints.add(SignedCheckpoint.fromJson(line));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(checkpointsFile + " line " + n + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        LogVerifier.Report report;
        try (BufferedReader r = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            report = LogVerifier.verify(new ExportReader(r, export), checkpoints, key);
        }
        out.println("Export:      " + export);
        out.println("Key:         " + Keys.keyId(key));
        if (report.entriesChecked() == 0) {
            out.println("Entries:     none");
        } else {
            out.println("Entries:     " + report.entriesChecked() + " checked, last position " + report.lastPosition() + ", last hash "
                    + report.lastHash());
        }
        out.println("Checkpoints: " + report.checkpoints().size());
        for (LogVerifier.CheckpointResult c : report.checkpoints()) {
            Checkpoint cp = c.checkpoint().checkpoint();
            String status = switch (c.status()) {
                case VERIFIED -> "verified";
                case ROOT_MISMATCH -> "ROOT MISMATCH";
                case BAD_SIGNATURE -> "BAD SIGNATURE";
                case BEYOND_EXPORT -> "BEYOND THE EXPORT";
            };
            out.println("  " + cp.origin() + " size " + cp.treeSize() + " at " + cp.timestamp() + ": " + status + " (" + c.detail() + ")");
        }
        if (report.ok()) {
            out.println("Result: OK, the export is intact and consistent with every checkpoint.");
            return OK;
        }
        out.println("Failures: " + report.failures().size());
        report.failures().forEach(f -> out.println("  " + f));
        out.println("Result: FAILED, the export has been altered, cut short, or does not match the signed checkpoints.");
        return FAILED;
    }

    private static int inclusion(Path proofFile, Path keyFile, PrintStream out) throws IOException {
        PublicKey key = readKey(keyFile);
        InclusionProof proof = InclusionProof.fromJson(Files.readString(proofFile, StandardCharsets.UTF_8));
        String problem = proof.problem(key);
        LogEntry e = proof.entry();
        Checkpoint cp = proof.checkpoint().checkpoint();
        if (problem != null) {
            out.println("FAILED: entry " + e.position() + " (event " + e.eventId() + ") is not proved to be in " + cp.origin() + "'s log of "
                    + cp.treeSize() + " entries: " + problem + ".");
            return FAILED;
        }
        out.println("OK: entry " + e.position() + " (event " + e.eventId() + ", " + e.eventType() + ") is in " + cp.origin() + "'s log of "
                + cp.treeSize() + " entries, root " + cp.rootHash() + ", signed at " + cp.timestamp() + " by key " + proof.checkpoint().keyId()
                + " (audit path of " + proof.auditPath().size() + " hashes).");
        return OK;
    }

    private static int consistency(Path proofFile, Path keyFile, PrintStream out) throws IOException {
        PublicKey key = readKey(keyFile);
        ConsistencyProof proof = ConsistencyProof.fromJson(Files.readString(proofFile, StandardCharsets.UTF_8));
        String problem = proof.problem(key);
        Checkpoint a = proof.first().checkpoint();
        Checkpoint b = proof.second().checkpoint();
        if (problem != null) {
            out.println("FAILED: " + problem + ".");
            return FAILED;
        }
        out.println("OK: " + b.origin() + "'s log of " + b.treeSize() + " entries (root " + b.rootHash() + ", signed at " + b.timestamp()
                + ") extends its log of " + a.treeSize() + " entries (root " + a.rootHash() + ", signed at " + a.timestamp() + "): proof of "
                + proof.proof().size() + " hashes, key " + proof.first().keyId() + ".");
        return OK;
    }

    private static int checkpoints(Map<String, String> opts, PrintStream out, PrintStream err) throws IOException {
        String origin = required(opts, "--origin");
        Path outFile = opts.containsKey("--out") ? Path.of(opts.get("--out")) : null;
        CheckpointFetch.Result result;
        String source;
        if (opts.containsKey("--records") == opts.containsKey("--kafka")) {
            throw new UsageError("checkpoints needs either --kafka CLIENT.properties (with --topic) or --records FILE");
        }
        if (opts.containsKey("--records")) {
            if (opts.containsKey("--topic") || opts.containsKey("--timeout")) {
                throw new UsageError("--topic and --timeout go with --kafka, not --records");
            }
            Path records = path(opts, "--records");
            CheckpointFetch.Collector collector = new CheckpointFetch.Collector(origin);
            try (BufferedReader r = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (!line.isBlank()) {
                        collector.accept("line " + n, Map.of(), line);
                    }
                }
            }
            result = collector.result();
            source = records.toString();
        } else {
            Path settings = path(opts, "--kafka");
            String topic = required(opts, "--topic");
            Duration timeout = CheckpointFetch.DEFAULT_TIMEOUT;
            if (opts.containsKey("--timeout")) {
                try {
                    timeout = Duration.ofSeconds(Long.parseLong(opts.get("--timeout")));
                } catch (NumberFormatException e) {
                    throw new UsageError("--timeout takes a number of seconds");
                }
            }
            Properties kafka = new Properties();
            try (BufferedReader r = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
                kafka.load(r);
            }
            result = CheckpointFetch.fetch(kafka, topic, origin, timeout);
            source = "topic " + topic;
        }

        long kept = result.checkpoints().size();
        StringBuilder others = new StringBuilder();
        result.otherOrigins().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(o -> others.append(others.length() == 0 ? " (" : ", ").append(o.getKey()).append(": ").append(o.getValue()));
        err.println("Read " + result.records() + " records of " + source + ": " + kept + " checkpoints of " + origin + " kept, "
                + result.duplicates() + " duplicates dropped, " + result.refused().size() + " refused; "
                + result.otherOrigins().values().stream().mapToLong(Long::longValue).sum() + " checkpoint records of other origins"
                + (others.length() == 0 ? "" : others + ")") + ", " + result.otherTypes() + " other events, " + result.notCloudEvents()
                + " records that are not CloudEvents.");
        for (SignedCheckpoint sc : result.checkpoints()) {
            Checkpoint c = sc.checkpoint();
            err.println("  checkpoint " + c.treeSize() + ": root " + c.rootHash() + ", " + c.timestamp() + ", key " + sc.keyId());
        }
        result.forks().forEach(err::println);
        result.refused().forEach(r -> err.println("REFUSED " + r));
        result.notes().forEach(n -> err.println("note: " + n));
        if (kept == 0) {
            err.println("No checkpoints of " + origin + " found" + (result.otherOrigins().isEmpty() ? "." : "; the origins seen are listed above."));
        }
        List<String> lines = result.checkpoints().stream().map(SignedCheckpoint::toJson).toList();
        if (outFile != null) {
            Files.write(outFile, lines, StandardCharsets.UTF_8);
            err.println("Wrote " + kept + " checkpoints to " + outFile + ".");
        } else {
            lines.forEach(out::println);
        }
        return result.forks().isEmpty() ? OK : FAILED;
    }

    private static int keygen(Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        Path privateFile = dir.resolve("signing-key.pem");
        Path publicFile = dir.resolve("signing-key.pub.pem");
        if (Files.exists(privateFile) || Files.exists(publicFile)) {
            throw new FileAlreadyExistsException(privateFile + " or " + publicFile + " (not overwritten)");
        }
        KeyPair pair = Keys.generate();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(privateFile);
        }
        Files.writeString(privateFile, Keys.privatePem(pair.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(publicFile, Keys.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
        out.println("Wrote " + privateFile + " (private) and " + publicFile + " (public), key id " + Keys.keyId(pair.getPublic()) + ".");
        return OK;
    }

    private static PublicKey readKey(Path file) throws IOException {
        try {
            return Keys.readPublic(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageError("unexpected argument " + a);
            }
            if (i + 1 >= args.length) {
                throw new UsageError(a + " needs a value");
            }
            if (opts.put(a, args[++i]) != null) {
                throw new UsageError(a + " given twice");
            }
        }
        return opts;
    }

    private static Path path(Map<String, String> opts, String name) {
        return Path.of(required(opts, name));
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new UsageError("missing " + name);
        }
        return v;
    }

    private static final class UsageError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** The export's lines as entries, read one at a time; a line that is not an entry is an input error. */
    private static final class ExportReader implements Iterator<LogEntry> {

        private final BufferedReader reader;
        private final Path file;
        private long lineNumber;
        private LogEntry next;

        ExportReader(BufferedReader reader, Path file) {
            this.reader = reader;
            this.file = file;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        try {
                            next = LogEntry.fromJson(line);
                        } catch (IllegalArgumentException | NullPointerException e) {
                            throw new IllegalArgumentException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                        }
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LogEntry e = next;
            next = null;
            return e;
        }
    }
}
