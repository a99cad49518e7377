package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogVerifierTest {

    static final KeyPair KEYS = Keys.generate();
    static final List<LogEntry> LOG = Synthetic.log(300);
    static final Merkle.MemoryTree TREE = Synthetic.tree(LOG);
    static final List<SignedCheckpoint> CHECKPOINTS = List.of(Synthetic.checkpoint(TREE, 0, KEYS), Synthetic.checkpoint(TREE, 1, KEYS),
            Synthetic.checkpoint(TREE, 100, KEYS), Synthetic.checkpoint(TREE, 200, KEYS), Synthetic.checkpoint(TREE, 300, KEYS));

    static LogVerifier.Report verify(List<LogEntry> entries, List<SignedCheckpoint> checkpoints) {
        return LogVerifier.verify(entries.iterator(), checkpoints, KEYS.getPublic());
    }

    static List<LogEntry> copy() {
        return new ArrayList<>(LOG);
    }

    @Test
    void aCleanLogPasses() {
        LogVerifier.Report r = verify(LOG, CHECKPOINTS);
        assertThat(r.failures()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.entriesChecked()).isEqualTo(300);
        assertThat(r.lastPosition()).isEqualTo(300);
        assertThat(r.lastHash()).isEqualTo(LOG.get(299).hash());
        assertThat(r.checkpoints()).extracting(LogVerifier.CheckpointResult::status).containsOnly(LogVerifier.Status.VERIFIED);
    }

    @Test
    void checkpointsBeyondTheExportAreFailures() {
        LogVerifier.Report r = verify(LOG.subList(0, 150), CHECKPOINTS);
        assertThat(r.ok()).isFalse();
        assertThat(r.checkpoints()).extracting(LogVerifier.CheckpointResult::status).containsExactly(LogVerifier.Status.VERIFIED,
                LogVerifier.Status.VERIFIED, LogVerifier.Status.VERIFIED, LogVerifier.Status.BEYOND_EXPORT, LogVerifier.Status.BEYOND_EXPORT);
        assertThat(r.failures()).containsExactly(
                "checkpoint 200 signed 200 entries but the export ends at position 150: entries were removed from the log, or the export is"
                        + " incomplete (export from position 1 to now)",
                "checkpoint 300 signed 300 entries but the export ends at position 150: entries were removed from the log, or the export is"
                        + " incomplete (export from position 1 to now)");
    }

    @Test
    void aLogTruncatedAtItsHeadAfterACheckpointIsReported() {
        // The service signed 300 entries; then the newest 40 were deleted, and the chain up to 260 is intact.
        List<LogEntry> truncated = LOG.subList(0, 260);
        LogVerifier.Report r = verify(truncated, List.of(CHECKPOINTS.get(2), CHECKPOINTS.get(3), CHECKPOINTS.get(4)));
        assertThat(r.ok()).isFalse();
        assertThat(r.entriesChecked()).isEqualTo(260);
        assertThat(r.failures()).containsExactly("checkpoint 300 signed 300 entries but the export ends at position 260: entries were removed"
                + " from the log, or the export is incomplete (export from position 1 to now)");
        assertThat(r.checkpoints().get(2).status()).isEqualTo(LogVerifier.Status.BEYOND_EXPORT);
        assertThat(r.checkpoints().get(1).status()).isEqualTo(LogVerifier.Status.VERIFIED);

        // Even an empty export: the checkpoint still vouches for 300 entries.
        assertThat(verify(List.of(), List.of(CHECKPOINTS.get(4))).failures())
                .containsExactly("checkpoint 300 signed 300 entries but the export ends at position 0: entries were removed from the log, or the"
                        + " export is incomplete (export from position 1 to now)");
    }

    @Test
    void aCheckpointNotReachedBecauseOfAGapNamesTheCount() {
        List<LogEntry> log = copy();
        log.remove(41);
        LogVerifier.Report r = verify(log, List.of(CHECKPOINTS.get(4)));
        assertThat(r.failures()).contains("checkpoint 300 signed 300 entries but the export holds only 299 (entries are missing from it, see above)");
    }

    @Test
    void aChangedMessageIsAHashMismatchAtItsPosition() {
        List<LogEntry> log = copy();
        log.set(41, Synthetic.withMessage(log.get(41), "{\"quantity\":999999}"));
        LogVerifier.Report r = verify(log, CHECKPOINTS);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures().get(0)).startsWith("position 42: hash does not match its content (recomputed ")
                .contains("exported " + LOG.get(41).hash());
        assertThat(r.failures())
                .anyMatch(f -> f.startsWith("checkpoint 100: root " + CHECKPOINTS.get(2).checkpoint().rootHash() + " but the export gives "));
        assertThat(r.failures()).noneMatch(f -> f.startsWith("position 43"));
    }

    @Test
    void aChangedMessageWithItsHashRecomputedBreaksTheChainAtTheNextEntry() {
        List<LogEntry> log = copy();
        LogEntry e = log.get(41);
        log.set(41, Synthetic.rechained(e, 42, e.prevHash(), "{\"quantity\":999999}"));
        LogVerifier.Report r = verify(log, CHECKPOINTS);
        assertThat(r.failures().get(0))
                .startsWith("position 43: prevHash " + LOG.get(41).hash() + " is not the hash of the entry before it (position 42");
        assertThat(r.failures()).noneMatch(f -> f.startsWith("position 42"));
    }

    @Test
    void aRewrittenChainIsCaughtOnlyByTheCheckpoints() {
        List<LogEntry> log = copy();
        String prev = log.get(149).hash();
        for (int i = 150; i < log.size(); i++) {
            LogEntry e = log.get(i);
            LogEntry forged = Synthetic.rechained(e, e.position(), prev, i == 150 ? "{\"quantity\":1}" : e.message());
            log.set(i, forged);
            prev = forged.hash();
        }
        LogVerifier.Report r = verify(log, CHECKPOINTS);
        assertThat(r.failures()).containsExactly(
                "checkpoint 200: root " + CHECKPOINTS.get(3).checkpoint().rootHash() + " but the export gives "
                        + Hex.hex(Synthetic.tree(log).root(200)),
                "checkpoint 300: root " + CHECKPOINTS.get(4).checkpoint().rootHash() + " but the export gives "
                        + Hex.hex(Synthetic.tree(log).root(300)));
        assertThat(r.checkpoints().get(2).status()).isEqualTo(LogVerifier.Status.VERIFIED);
        assertThat(r.checkpoints().get(3).status()).isEqualTo(LogVerifier.Status.ROOT_MISMATCH);
    }

    @Test
    void aDeletedEntryIsAGap() {
        List<LogEntry> log = copy();
        log.remove(41);
        LogVerifier.Report r = verify(log, CHECKPOINTS);
        assertThat(r.failures().get(0)).isEqualTo("position 43: follows position 41: entry 42 is missing");
        assertThat(r.failures().get(1))
                .startsWith("position 43: prevHash " + LOG.get(41).hash() + " is not the hash of the entry before it (position 41");
    }

    @Test
    void anInsertedEntryIsCaught() {
        List<LogEntry> log = copy();
        LogEntry forged = Synthetic.rechained(log.get(10), 11, log.get(9).hash(), "{\"quantity\":5000}");
        log.add(10, forged);
        LogVerifier.Report r = verify(log, CHECKPOINTS);
        assertThat(r.failures().get(0)).isEqualTo("position 11: follows position 11: entries out of order or repeated");
        assertThat(r.failures().get(1))
                .startsWith("position 11: prevHash " + LOG.get(9).hash() + " is not the hash of the entry before it (position 11, hash "
                        + forged.hash());
    }

    @Test
    void aReorderedPairIsCaught() {
        List<LogEntry> log = copy();
        Collections.swap(log, 19, 20);
        LogVerifier.Report r = verify(log, CHECKPOINTS);
        assertThat(r.failures()).anyMatch(f -> f.equals("position 21: follows position 19: entry 20 is missing"));
        assertThat(r.failures()).anyMatch(f -> f.equals("position 20: follows position 21: entries out of order or repeated"));
        assertThat(r.failures()).anyMatch(f -> f.startsWith("checkpoint 100: root"));
    }

    @Test
    void anExportNotStartingAtOneIsNamed() {
        LogVerifier.Report r = verify(LOG.subList(5, 300), List.of());
        assertThat(r.failures().get(0)).isEqualTo("position 6: the export starts at position 6; a full check needs it to start at position 1");
    }

    @Test
    void aForgedCheckpointSignatureIsCaught() {
        List<SignedCheckpoint> cps = new ArrayList<>(CHECKPOINTS);
        SignedCheckpoint real = cps.get(3);
        byte[] sig = Base64.getDecoder().decode(real.signature());
        sig[0] ^= 1;
        cps.set(3, new SignedCheckpoint(real.checkpoint(), real.keyId(), Base64.getEncoder().encodeToString(sig)));
        LogVerifier.Report r = verify(LOG, cps);
        assertThat(r.failures()).containsExactly("checkpoint 200: signature does not verify with key " + Keys.keyId(KEYS.getPublic()));
        assertThat(r.checkpoints().get(3).status()).isEqualTo(LogVerifier.Status.BAD_SIGNATURE);

        KeyPair other = Keys.generate();
        cps.set(3, Synthetic.checkpoint(TREE, 200, other));
        r = verify(LOG, cps);
        assertThat(r.failures()).anyMatch(f -> f.startsWith("checkpoint 200: names key " + Keys.keyId(other.getPublic())));
        assertThat(r.failures())
                .anyMatch(f -> f.startsWith("checkpoint 200: signed with key " + Keys.keyId(other.getPublic()) + ", not with the given key"));
    }

    @Test
    void twoCheckpointsOfOneSizeWithDifferentRootsAreCaught() {
        List<SignedCheckpoint> cps = new ArrayList<>(CHECKPOINTS);
        List<LogEntry> forkLog = copy();
        forkLog.set(99, Synthetic.rechained(forkLog.get(99), 100, forkLog.get(98).hash(), "{\"fork\":true}"));
        Checkpoint fork = new Checkpoint(Synthetic.ORIGIN, 100, Hex.hex(Synthetic.tree(forkLog).root(100)), "2026-12-03T00:00:00Z");
        cps.add(SignedCheckpoint.sign(fork, KEYS.getPrivate(), KEYS.getPublic()));
        LogVerifier.Report r = verify(LOG, cps);
        assertThat(r.failures()).anyMatch(f -> f.startsWith("checkpoint 100: two checkpoints of this size disagree: root "));
        assertThat(r.failures()).anyMatch(f -> f.startsWith("checkpoint 100: root " + fork.rootHash() + " but the export gives "));
    }

    @Test
    void checkpointsOfAnotherLogAreCaught() {
        List<SignedCheckpoint> cps = new ArrayList<>(CHECKPOINTS);
        Checkpoint c = cps.get(2).checkpoint();
        cps.set(2,
                SignedCheckpoint.sign(new Checkpoint("jcm-registry/project-registry", c.treeSize(), c.rootHash(), c.timestamp()), KEYS.getPrivate(),
                        KEYS.getPublic()));
        assertThat(verify(LOG, cps).failures()).anyMatch(f -> f.startsWith("checkpoint 100: of log jcm-registry/project-registry"));
    }
}
