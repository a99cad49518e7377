package org.jcm.registry.audit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A tree head: the log named origin had treeSize entries whose Merkle root was rootHash, at timestamp.
 *
 * @param origin names the log, e.g. {@code jcm-registry/credit-issuance}
 * @param rootHash lower-case hex
 * @param timestamp ISO-8601 instant
 */
public record Checkpoint(String origin, long treeSize, String rootHash, String timestamp) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(timestamp, "timestamp");
        if (origin.isEmpty() || origin.indexOf('\n') >= 0 || timestamp.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("origin and timestamp must be non-empty single lines");
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " < 0");
        }
        if (!Hex.isSha256Hex(rootHash)) {
            throw new IllegalArgumentException("root hash must be 64 lower-case hex characters: " + rootHash);
        }
    }

    /** The text signed (C2SP tlog-checkpoint style): origin, size, root and timestamp, each on its own line. */
    public String body() {
        return origin + "\n" + treeSize + "\n" + rootHash + "\n" + timestamp + "\n";
    }

    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] root() {
        return Hex.unhex(rootHash);
    }
}
