package org.jcm.registry.audit;

import java.security.KeyPair;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Synthetic logs for tests and measurements: chained entries with non-ASCII messages, and signed checkpoints. */
final class Synthetic {

    static final String ORIGIN = "jcm-registry/credit-issuance";
    private static final String[] TYPES = {"IssuanceRequested", "CreditsIssued", "CreditsTransferred", "CreditsRetired"};
    private static final String[] NOTES = {"モンゴル太陽光発電プロジェクト", "ベトナムの省エネ設備 ⚡", "Panel upgrade 🌞 café", "plain ascii note"};

    private Synthetic() {}

    /** The entry at position p chained after prevHash, with a message of roughly messageBytes bytes. */
    static LogEntry entry(long p, String prevHash, int messageBytes) {
        String eventId = new UUID(0x0b6f7c1e6d1a4c8eL, 0x9a573f1d00000000L + p).toString();
        String aggregateId = "JCM-" + (p % 97) + "-" + (p % 13);
        String type = TYPES[(int) (p % TYPES.length)];
        String occurredAt = DateTimeFormatter.ISO_INSTANT
                .format(Instant.parse("2026-12-01T10:00:00Z").plusMillis(p * 1_000 + 123).plusNanos(456_000));
        StringBuilder m = new StringBuilder(messageBytes + 64);
        m.append("{\"creditSerial\":\"JP-MN-").append(p).append("\",\"quantity\":").append(p * 37 % 10_000).append(",\"note\":\"")
                .append(NOTES[(int) (p % NOTES.length)]).append("\",\"pad\":\"");
        while (m.length() < messageBytes - 2) {
            m.append((char) ('a' + (m.length() % 26)));
        }
        m.append("\"}");
        return LogEntry.chained(prevHash, p, eventId, "jcm.credit-issuance.events", "CreditIssuance", aggregateId, type, occurredAt, m.toString());
    }

    static List<LogEntry> log(int n) {
        List<LogEntry> out = new ArrayList<>(n);
        String prev = LogEntry.GENESIS;
        for (int p = 1; p <= n; p++) {
            LogEntry e = entry(p, prev, 120);
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    static Merkle.MemoryTree tree(List<LogEntry> entries) {
        Merkle.MemoryTree tree = new Merkle.MemoryTree();
        entries.forEach(e -> tree.append(e.leafHash()));
        return tree;
    }

    static SignedCheckpoint checkpoint(Merkle.MemoryTree tree, long size, KeyPair keys) {
        Checkpoint c = new Checkpoint(ORIGIN, size, Hex.hex(tree.root(size)), timestamp(size));
        return SignedCheckpoint.sign(c, keys.getPrivate(), keys.getPublic());
    }

    static String timestamp(long size) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.parse("2026-12-02T00:00:00Z").plusSeconds(size));
    }

    /** A copy of e with another message, its hash left as it was. */
    static LogEntry withMessage(LogEntry e, String message) {
        return new LogEntry(e.position(), e.eventId(), e.topic(), e.aggregateType(), e.aggregateId(), e.eventType(), e.occurredAt(), message,
                e.prevHash(), e.hash());
    }

    /** A copy of e at another position after another prevHash, its hash recomputed. */
    static LogEntry rechained(LogEntry e, long position, String prevHash, String message) {
        return LogEntry.chained(prevHash, position, e.eventId(), e.topic(), e.aggregateType(), e.aggregateId(), e.eventType(), e.occurredAt(),
                message);
    }
}
