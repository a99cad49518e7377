package org.jcm.registry.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The offline check of an exported event log against signed checkpoints. The export is streamed: what is kept is
 * the Merkle frontier (O(log n) hashes), so a log of millions of entries is checked in constant memory.
 *
 * <p>
 * Checked: positions run 1, 2, 3, ... without gap; each entry's prevHash is the hash of the entry before (the
 * genesis for position 1) and its hash is the chain hash of its content; every checkpoint is signed by the given
 * key, all are of one origin and one key, no two of one size disagree, and each checkpoint the export reaches has
 * the root the export gives at its size. Every checkpoint must be reached: one whose size is beyond the export's
 * last position is a failure, since the service signed that many entries and the export lacks some of them (entries
 * were removed from the log's head, or the export was cut short; an export for this check runs from position 1 to now).
 */
public final class LogVerifier {

    /** At most this many failures are listed; the rest are counted. */
    static final int MAX_LISTED_FAILURES = 1000;

    public enum Status {
        /** Signed by the key, and its root is the export's root at its size. */
        VERIFIED,
        /** Signed by the key, but the export gives another root at its size. */
        ROOT_MISMATCH,
        /** The signature does not verify with the key (or names another key). */
        BAD_SIGNATURE,
        /** Signed by the key, but the export does not reach its size: a failure (truncated log or incomplete export). */
        BEYOND_EXPORT
    }

    public record CheckpointResult(SignedCheckpoint checkpoint, Status status, String detail) {}

    /**
     * @param lastPosition the position of the last entry read, 0 if none
     * @param lastHash the exported hash of the last entry read, {@link LogEntry#GENESIS} if none
     * @param checkpoints one result per checkpoint, by tree size
     * @param failures what is wrong, one line each, naming the position or the checkpoint size
     */
    public record Report(long entriesChecked, long lastPosition, String lastHash, List<CheckpointResult> checkpoints, List<String> failures) {

        public Report {
            checkpoints = List.copyOf(checkpoints);
            failures = List.copyOf(failures);
        }

        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private LogVerifier() {}

    public static Report verify(Iterator<LogEntry> entries, List<SignedCheckpoint> checkpoints, PublicKey key) {
        Failures failures = new Failures();
        List<SignedCheckpoint> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparingLong(c -> c.checkpoint().treeSize()));
        String keyId = Keys.keyId(key);

        Map<SignedCheckpoint, CheckpointResult> results = new HashMap<>();
        List<SignedCheckpoint> pending = new ArrayList<>();
        if (!sorted.isEmpty()) {
            Checkpoint firstCp = sorted.get(0).checkpoint();
            Map<Long, SignedCheckpoint> bySize = new HashMap<>();
            for (SignedCheckpoint sc : sorted) {
                Checkpoint c = sc.checkpoint();
                if (!c.origin().equals(firstCp.origin())) {
                    failures.add("checkpoint " + c.treeSize() + ": of log " + c.origin() + ", but checkpoint " + firstCp.treeSize() + " is of "
                            + firstCp.origin());
                }
                if (!sc.keyId().equals(sorted.get(0).keyId())) {
                    failures.add("checkpoint " + c.treeSize() + ": names key " + sc.keyId() + ", but checkpoint " + firstCp.treeSize()
                            + " names key " + sorted.get(0).keyId());
                }
                SignedCheckpoint same = bySize.putIfAbsent(c.treeSize(), sc);
                if (same != null && !same.checkpoint().rootHash().equals(c.rootHash())) {
                    failures.add("checkpoint " + c.treeSize() + ": two checkpoints of this size disagree: root " + same.checkpoint().rootHash()
                            + " (" + same.checkpoint().timestamp() + ") and root " + c.rootHash() + " (" + c.timestamp() + ")");
                }
                if (!sc.verify(key)) {
                    String detail = sc.keyId().equals(keyId)
                            ? "signature does not verify with key " + keyId
                            : "signed with key " + sc.keyId() + ", not with the given key " + keyId;
                    failures.add("checkpoint " + c.treeSize() + ": " + detail);
                    results.put(sc, new CheckpointResult(sc, Status.BAD_SIGNATURE, detail));
                } else {
                    pending.add(sc);
                }
            }
        }

        Merkle.Frontier frontier = new Merkle.Frontier();
        int next = 0;
        next = checkRoots(pending, next, frontier, results, failures);
        long count = 0;
        long lastPosition = 0;
        String lastHash = LogEntry.GENESIS;
        while (entries.hasNext()) {
            LogEntry e = entries.next();
            long p = e.position();
            if (count == 0 && p != 1) {
                failures.add("position " + p + ": the export starts at position " + p + "; a full check needs it to start at position 1");
            } else if (count > 0 && p != lastPosition + 1) {
                if (p > lastPosition + 1) {
                    String missing = p == lastPosition + 2
                            ? "entry " + (lastPosition + 1) + " is missing"
                            : "entries " + (lastPosition + 1) + " to " + (p - 1) + " are missing";
                    failures.add("position " + p + ": follows position " + lastPosition + ": " + missing);
                } else {
                    failures.add("position " + p + ": follows position " + lastPosition + ": entries out of order or repeated");
                }
            }
            if (!e.prevHash().equals(lastHash)) {
                failures.add(count == 0
                        ? "position " + p + ": prevHash " + e.prevHash() + " but the first entry's must be the genesis " + lastHash
                        : "position " + p + ": prevHash " + e.prevHash() + " is not the hash of the entry before it (position " + lastPosition
                                + ", hash "
                                + lastHash + "): the chain is broken here");
            }
            byte[] canonical = e.canonical();
            String recomputed = Hex.hex(Sha256.of(canonical));
            if (!recomputed.equals(e.hash())) {
                failures.add("position " + p + ": hash does not match its content (recomputed " + recomputed + ", exported " + e.hash() + ")");
            }
            frontier.append(Merkle.leafHash(canonical));
            count++;
            lastPosition = p;
            lastHash = e.hash();
            next = checkRoots(pending, next, frontier, results, failures);
        }
        for (int i = next; i < pending.size(); i++) {
            SignedCheckpoint sc = pending.get(i);
            long size = sc.checkpoint().treeSize();
            String detail = size > lastPosition
                    ? "signed " + size + " entries but the export ends at position " + lastPosition
                            + ": entries were removed from the log, or the export is incomplete (export from position 1 to now)"
                    : "signed " + size + " entries but the export holds only " + count + " (entries are missing from it, see above)";
            failures.add("checkpoint " + size + " " + detail);
            results.put(sc, new CheckpointResult(sc, Status.BEYOND_EXPORT, detail));
        }
        List<CheckpointResult> ordered = new ArrayList<>();
        for (SignedCheckpoint sc : sorted) {
            ordered.add(results.get(sc));
        }
        return new Report(count, lastPosition, lastHash, ordered, failures.list());
    }

    private static int checkRoots(List<SignedCheckpoint> pending, int next, Merkle.Frontier frontier, Map<SignedCheckpoint, CheckpointResult> results,
            Failures failures) {
        while (next < pending.size() && pending.get(next).checkpoint().treeSize() == frontier.size()) {
            SignedCheckpoint sc = pending.get(next++);
            String root = Hex.hex(frontier.root());
            if (root.equals(sc.checkpoint().rootHash())) {
                results.put(sc, new CheckpointResult(sc, Status.VERIFIED, "root " + root));
            } else {
                String detail = "root " + sc.checkpoint().rootHash() + " but the export gives " + root;
                failures.add("checkpoint " + sc.checkpoint().treeSize() + ": " + detail);
                results.put(sc, new CheckpointResult(sc, Status.ROOT_MISMATCH, detail));
            }
        }
        return next;
    }

    private static final class Failures {

        private final List<String> listed = new ArrayList<>();
        private long more;

        void add(String failure) {
            if (listed.size() < MAX_LISTED_FAILURES) {
                listed.add(failure);
            } else {
                more++;
            }
        }

        List<String> list() {
            if (more > 0) {
                List<String> all = new ArrayList<>(listed);
                all.add("... and " + more + " more failures");
                return all;
            }
            return listed;
        }
    }
}
