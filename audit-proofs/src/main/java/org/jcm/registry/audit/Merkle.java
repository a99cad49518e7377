package org.jcm.registry.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2) §2.1 with SHA-256: leaf hash SHA-256(0x00 || input),
 * interior node SHA-256(0x01 || left || right), and the tree over n leaves split at the largest power of two
 * smaller than n. Trees are read through a {@link NodeSource} of stored perfect subtrees, so a root or a proof
 * over a log of any size costs O(log n) node reads.
 */
public final class Merkle {

    /** Bytes of a SHA-256 hash. */
    public static final int HASH_SIZE = 32;

    private Merkle() {}

    /**
     * Hashes of perfect subtrees: {@code node(level, index)} is the root of the 2^level leaves with indices
     * [index * 2^level, (index + 1) * 2^level). Level 0 holds the leaf hashes. Only complete subtrees are asked for.
     */
    public interface NodeSource {

        byte[] node(int level, long index);
    }

    /** One stored perfect subtree. */
    public record Node(int level, long index, byte[] hash) {}

    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest md = Sha256.digest();
        md.update((byte) 0x00);
        md.update(leafInput);
        return md.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = Sha256.digest();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The root of the empty tree: SHA-256 of no input. */
    public static byte[] emptyRoot() {
        return Sha256.of(new byte[0]);
    }

    /**
     * The nodes that become complete when leaf {@code leafIndex} is appended to a tree of {@code leafIndex} leaves:
     * the leaf itself, then each parent while the index at that level is odd. Storing exactly these stores every
     * complete subtree once (about 2n nodes for n leaves).
     */
    public static List<Node> append(long leafIndex, byte[] leafHash, NodeSource source) {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " < 0");
        }
        checkHash(leafHash);
        List<Node> nodes = new ArrayList<>(1 + Long.numberOfTrailingZeros(~leafIndex));
        nodes.add(new Node(0, leafIndex, leafHash));
        byte[] hash = leafHash;
        long index = leafIndex;
        int level = 0;
        while ((index & 1) == 1) {
            hash = nodeHash(source.node(level, index - 1), hash);
            index >>>= 1;
            level++;
            nodes.add(new Node(level, index, hash));
        }
        return nodes;
    }

    /** MTH(D[treeSize]): the root of the first treeSize leaves. */
    public static byte[] root(long treeSize, NodeSource source) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " < 0");
        }
        return treeSize == 0 ? emptyRoot() : subtree(0, treeSize, source);
    }

    /**
     * MTH(D[start:end]), split as RFC 9162 does at the largest power of two smaller than the range, reading the
     * stored node wherever the range is a perfect, aligned subtree.
     */
    public static byte[] subtree(long start, long end, NodeSource source) {
        long n = end - start;
        if (start < 0 || n < 0) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
        if (n == 0) {
            return emptyRoot();
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return source.node(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(subtree(start, start + k, source), subtree(start + k, end, source));
    }

    /** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf {@code leafIndex} in the tree of treeSize leaves. */
    public static List<byte[]> inclusionProof(long leafIndex, long treeSize, NodeSource source) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of " + treeSize + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        path(leafIndex, 0, treeSize, source, proof);
        return proof;
    }

    private static void path(long m, long start, long end, NodeSource source, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m - start < k) {
            path(m, start, start + k, source, proof);
            proof.add(subtree(start + k, end, source));
        } else {
            path(m, start + k, end, source, proof);
            proof.add(subtree(start, start + k, source));
        }
    }

    /** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: empty when the sizes are equal. */
    public static List<byte[]> consistencyProof(long oldSize, long newSize, NodeSource source) {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to size " + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(oldSize, 0, newSize, true, source, proof);
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean b, NodeSource source, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!b) {
                proof.add(subtree(start, end, source));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, b, source, proof);
            proof.add(subtree(start + k, end, source));
        } else {
            subproof(m - k, start + k, end, false, source, proof);
            proof.add(subtree(start, start + k, source));
        }
    }

    /** The verification algorithm of RFC 9162 §2.1.3.2. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize || !isHash(leafHash) || !isHash(root) || proof == null) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (!isHash(p) || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * The verification algorithm of RFC 9162 §2.1.4.2. Equal sizes verify only with an empty proof and equal roots.
     */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize <= 0 || oldSize > newSize || !isHash(oldRoot) || !isHash(newRoot) || proof == null) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] c : proof) {
            if (!isHash(c)) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(oldSize) == 1) {
            path.add(oldRoot);
        }
        path.addAll(proof);
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    public static String hex(byte[] bytes) {
        return Hex.hex(bytes);
    }

    public static byte[] unhex(String hex) {
        return Hex.unhex(hex);
    }

    /** The largest power of two strictly smaller than n (n > 1). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static boolean isHash(byte[] h) {
        return h != null && h.length == HASH_SIZE;
    }

    private static void checkHash(byte[] h) {
        if (!isHash(h)) {
            throw new IllegalArgumentException("a hash must be " + HASH_SIZE + " bytes");
        }
    }

    /**
     * A whole tree in memory: every complete subtree, stored as {@link #append} yields them, about 2n hashes of
     * 32 bytes held in one flat array per level. For building proofs over an export; the streaming check of an
     * export needs only a {@link Frontier}.
     */
    public static final class MemoryTree implements NodeSource {

        private final List<byte[]> levels = new ArrayList<>();
        private final List<Long> counts = new ArrayList<>();
        private long size;

        public void append(byte[] leafHash) {
            for (Node node : Merkle.append(size, leafHash, this)) {
                put(node);
            }
            size++;
        }

        public long size() {
            return size;
        }

        public byte[] root() {
            return Merkle.root(size, this);
        }

        public byte[] root(long treeSize) {
            checkSize(treeSize);
            return Merkle.root(treeSize, this);
        }

        public List<byte[]> inclusionProof(long leafIndex, long treeSize) {
            checkSize(treeSize);
            return Merkle.inclusionProof(leafIndex, treeSize, this);
        }

        public List<byte[]> consistencyProof(long oldSize, long newSize) {
            checkSize(newSize);
            return Merkle.consistencyProof(oldSize, newSize, this);
        }

        @Override
        public byte[] node(int level, long index) {
            if (level < 0 || level >= levels.size() || index < 0 || index >= counts.get(level)) {
                throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index);
            }
            int from = Math.toIntExact(index * HASH_SIZE);
            return Arrays.copyOfRange(levels.get(level), from, from + HASH_SIZE);
        }

        private void put(Node node) {
            while (levels.size() <= node.level()) {
                levels.add(new byte[HASH_SIZE * 16]);
                counts.add(0L);
            }
            long count = counts.get(node.level());
            if (node.index() != count) {
                throw new IllegalStateException("node " + node.level() + "/" + node.index() + " out of order");
            }
            byte[] level = levels.get(node.level());
            long needed = (count + 1) * HASH_SIZE;
            if (needed > level.length) {
                long grown = Math.max(needed, (long) level.length * 2);
                if (grown > Integer.MAX_VALUE - 8) {
                    grown = Integer.MAX_VALUE - 8;
                }
                level = Arrays.copyOf(level, Math.toIntExact(grown));
                levels.set(node.level(), level);
            }
            System.arraycopy(node.hash(), 0, level, Math.toIntExact(count * HASH_SIZE), HASH_SIZE);
            counts.set(node.level(), count + 1);
        }

        private void checkSize(long treeSize) {
            if (treeSize < 0 || treeSize > size) {
                throw new IllegalArgumentException("tree size " + treeSize + " but " + size + " leaves appended");
            }
        }
    }

    /**
     * The right edge of a growing tree: one perfect subtree per set bit of the size, O(log n) hashes. Enough to give
     * the root at the current size, which is all a streaming check of an export needs.
     */
    public static final class Frontier {

        private final List<byte[]> hashes = new ArrayList<>();
        private final List<Integer> levels = new ArrayList<>();
        private long size;

        public void append(byte[] leafHash) {
            checkHash(leafHash);
            byte[] hash = leafHash;
            int level = 0;
            while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
                int last = levels.size() - 1;
                hash = nodeHash(hashes.remove(last), hash);
                levels.remove(last);
                level++;
            }
            hashes.add(hash);
            levels.add(level);
            size++;
        }

        public long size() {
            return size;
        }

        /** MTH of the leaves appended so far: the subtrees folded from the right. */
        public byte[] root() {
            if (hashes.isEmpty()) {
                return emptyRoot();
            }
            byte[] r = hashes.get(hashes.size() - 1);
            for (int i = hashes.size() - 2; i >= 0; i--) {
                r = nodeHash(hashes.get(i), r);
            }
            return r;
        }
    }
}
