package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MerkleTest {

    /*
     * The standard 8-leaf test tree of Certificate Transparency, with its roots, node hashes and reference proofs, from
     * github.com/transparency-dev/merkle (commit 417fb0c): testonly/constants.go (LeafInputs, NodeHashes, RootHashes)
     * and testonly/reference_test.go (TestRefInclusionProof, TestRefConsistencyProof). The same vectors are in
     * google/trillian's merkle test data. RFC 6962 and RFC 9162 hash trees identically.
     */
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
    static final String[] ROOTS = {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    static final String[] LEAF_HASHES = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"};

    static Merkle.MemoryTree vectorTree() {
        Merkle.MemoryTree tree = new Merkle.MemoryTree();
        for (String leaf : LEAVES) {
            tree.append(Merkle.leafHash(Hex.unhex(leaf)));
        }
        return tree;
    }

    @Test
    void leafHashesAndRootsOfEverySizeMatchTheCtVectors() {
        Merkle.MemoryTree tree = new Merkle.MemoryTree();
        Merkle.Frontier frontier = new Merkle.Frontier();
        assertThat(Hex.hex(tree.root())).isEqualTo(ROOTS[0]);
        assertThat(Hex.hex(Merkle.emptyRoot())).isEqualTo(ROOTS[0]);
        for (int i = 0; i < LEAVES.length; i++) {
            byte[] leaf = Merkle.leafHash(Hex.unhex(LEAVES[i]));
            assertThat(Hex.hex(leaf)).isEqualTo(LEAF_HASHES[i]);
            tree.append(leaf);
            frontier.append(leaf);
            assertThat(Hex.hex(tree.root())).as("root of size %d", i + 1).isEqualTo(ROOTS[i + 1]);
            assertThat(Hex.hex(frontier.root())).as("frontier root of size %d", i + 1).isEqualTo(ROOTS[i + 1]);
        }
        for (int size = 0; size <= 8; size++) {
            assertThat(Hex.hex(tree.root(size))).isEqualTo(ROOTS[size]);
        }
        // Interior nodes of the vector tree (NodeHashes).
        assertThat(Hex.hex(tree.node(1, 1))).isEqualTo("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
        assertThat(Hex.hex(tree.node(2, 1))).isEqualTo("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void inclusionProofsMatchTheReferenceProofs() {
        Merkle.MemoryTree tree = vectorTree();
        assertThat(hexes(tree.inclusionProof(0, 1))).isEmpty();
        assertThat(hexes(tree.inclusionProof(0, 2))).containsExactly("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
        assertThat(hexes(tree.inclusionProof(1, 2))).containsExactly("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(hexes(tree.inclusionProof(2, 3))).containsExactly("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(hexes(tree.inclusionProof(1, 5))).containsExactly("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(hexes(tree.inclusionProof(0, 8))).containsExactly("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hexes(tree.inclusionProof(5, 8))).containsExactly("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(Merkle.verifyInclusion(5, 8, Hex.unhex(LEAF_HASHES[5]), tree.inclusionProof(5, 8), Hex.unhex(ROOTS[8]))).isTrue();
    }

    @Test
    void consistencyProofsMatchTheReferenceProofs() {
        Merkle.MemoryTree tree = vectorTree();
        assertThat(hexes(tree.consistencyProof(1, 1))).isEmpty();
        assertThat(hexes(tree.consistencyProof(1, 8))).containsExactly("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hexes(tree.consistencyProof(2, 5))).containsExactly("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(hexes(tree.consistencyProof(6, 8))).containsExactly("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(Merkle.verifyConsistency(6, 8, Hex.unhex(ROOTS[6]), Hex.unhex(ROOTS[8]), tree.consistencyProof(6, 8))).isTrue();
    }

    @Test
    void appendYieldsEveryCompleteSubtreeOnce() {
        Merkle.MemoryTree tree = vectorTree();
        List<Merkle.Node> nodes = Merkle.append(7, Hex.unhex(LEAF_HASHES[7]), tree);
        assertThat(nodes).extracting(Merkle.Node::level).containsExactly(0, 1, 2, 3);
        assertThat(nodes).extracting(Merkle.Node::index).containsExactly(7L, 3L, 1L, 0L);
        assertThat(Hex.hex(nodes.get(3).hash())).isEqualTo(ROOTS[8]);
        assertThat(Merkle.append(4, Hex.unhex(LEAF_HASHES[4]), tree)).hasSize(1);
        long stored = 0;
        Merkle.MemoryTree counting = new Merkle.MemoryTree();
        for (int i = 0; i < 1000; i++) {
            stored += Merkle.append(i, Merkle.leafHash(new byte[]{(byte) i}), counting).size();
            counting.append(Merkle.leafHash(new byte[]{(byte) i}));
        }
        assertThat(stored).isEqualTo(2 * 1000 - Long.bitCount(1000));
    }

    @Test
    void rootsAndProofsAgreeWithANaiveTreeForEverySizeTo70() {
        List<byte[]> leaves = new ArrayList<>();
        Merkle.MemoryTree tree = new Merkle.MemoryTree();
        Random random = new Random(9162);
        for (int n = 1; n <= 70; n++) {
            byte[] leaf = Merkle.leafHash(("leaf " + n).getBytes());
            leaves.add(leaf);
            tree.append(leaf);
        }
        for (int n = 1; n <= 70; n++) {
            byte[] root = tree.root(n);
            assertThat(root).as("root %d", n).isEqualTo(naiveRoot(leaves.subList(0, n)));
            for (int i = 0; i < n; i++) {
                checkInclusion(tree, leaves, i, n, random);
            }
            for (int m = 1; m <= n; m++) {
                checkConsistency(tree, m, n, random);
            }
        }
    }

    @Test
    void randomLargerTrees() {
        Random random = new Random(6962);
        List<byte[]> leaves = new ArrayList<>();
        Merkle.MemoryTree tree = new Merkle.MemoryTree();
        for (int i = 0; i < 5000; i++) {
            byte[] leaf = Merkle.leafHash(("big " + i).getBytes());
            leaves.add(leaf);
            tree.append(leaf);
        }
        int[] sizes = {127, 128, 129, 1023, 1024, 1025, 3000 + random.nextInt(2000), 4999, 5000};
        for (int n : sizes) {
            assertThat(tree.root(n)).as("root %d", n).isEqualTo(naiveRoot(leaves.subList(0, n)));
            for (int s = 0; s < 40; s++) {
                checkInclusion(tree, leaves, random.nextInt(n), n, random);
                checkConsistency(tree, 1 + random.nextInt(n), n, random);
            }
            checkInclusion(tree, leaves, 0, n, random);
            checkInclusion(tree, leaves, n - 1, n, random);
            checkConsistency(tree, 1, n, random);
            checkConsistency(tree, n - 1 == 0 ? 1 : n - 1, n, random);
        }
    }

    @Test
    void refusesWhatIsNotAProofRequest() {
        Merkle.MemoryTree tree = vectorTree();
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
        byte[] r = Hex.unhex(ROOTS[8]);
        assertThat(Merkle.verifyConsistency(0, 8, Hex.unhex(ROOTS[0]), r, List.of())).isFalse();
        assertThat(Merkle.verifyConsistency(8, 8, r, r, List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(8, 8, r, r, List.of(r))).isFalse();
        assertThat(Merkle.verifyConsistency(7, 8, Hex.unhex(ROOTS[7]), r, List.of())).isFalse();
        assertThat(Merkle.verifyInclusion(0, 0, Hex.unhex(LEAF_HASHES[0]), List.of(), Hex.unhex(ROOTS[0]))).isFalse();
    }

    private static void checkInclusion(Merkle.MemoryTree tree, List<byte[]> leaves, int i, int n, Random random) {
        byte[] root = tree.root(n);
        byte[] leaf = leaves.get(i);
        List<byte[]> proof = tree.inclusionProof(i, n);
        assertThat(proof.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(n - 1));
        assertThat(Merkle.verifyInclusion(i, n, leaf, proof, root)).as("inclusion %d in %d", i, n).isTrue();
        for (int k = 0; k < proof.size(); k++) {
            assertThat(Merkle.verifyInclusion(i, n, leaf, flipped(proof, k, random), root)).as("flipped %d of inclusion %d in %d", k, i, n).isFalse();
        }
        assertThat(Merkle.verifyInclusion(i, n, flip(leaf, random), proof, root)).isFalse();
        assertThat(Merkle.verifyInclusion(i, n, leaf, proof, flip(root, random))).isFalse();
        for (int j : otherThan(i, n, random)) {
            assertThat(Merkle.verifyInclusion(j, n, leaf, proof, root)).as("inclusion %d in %d claimed as %d", i, n, j).isFalse();
        }
        for (long other : new long[]{n - 1, n + 1, 2L * n}) {
            if (other > i && other <= tree.size()) {
                assertThat(Merkle.verifyInclusion(i, other, leaf, proof, tree.root(other))).as("inclusion %d in %d claimed in %d", i, n, other)
                        .isFalse();
            }
        }
        if (!proof.isEmpty()) {
            assertThat(Merkle.verifyInclusion(i, n, leaf, proof.subList(0, proof.size() - 1), root)).isFalse();
        }
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThat(Merkle.verifyInclusion(i, n, leaf, longer, root)).isFalse();
    }

    private static void checkConsistency(Merkle.MemoryTree tree, int m, int n, Random random) {
        byte[] oldRoot = tree.root(m);
        byte[] newRoot = tree.root(n);
        List<byte[]> proof = tree.consistencyProof(m, n);
        assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("consistency %d to %d", m, n).isTrue();
        if (m == n) {
            assertThat(proof).isEmpty();
            return;
        }
        for (int k = 0; k < proof.size(); k++) {
            assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, flipped(proof, k, random))).as("flipped %d of consistency %d to %d", k, m, n)
                    .isFalse();
        }
        assertThat(Merkle.verifyConsistency(m, n, flip(oldRoot, random), newRoot, proof)).isFalse();
        assertThat(Merkle.verifyConsistency(m, n, oldRoot, flip(newRoot, random), proof)).isFalse();
        for (int j : otherThan(m - 1, n, random)) {
            int other = j + 1;
            assertThat(Merkle.verifyConsistency(other, n, tree.root(other), newRoot, proof)).as("consistency %d to %d claimed from %d", m, n, other)
                    .isFalse();
        }
        for (long other : new long[]{n - 1, n + 1}) {
            if (other >= m && other != n && other <= tree.size()) {
                assertThat(Merkle.verifyConsistency(m, other, oldRoot, tree.root(other), proof)).as("consistency %d to %d claimed to %d", m, n, other)
                        .isFalse();
            }
        }
        assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof.subList(0, proof.size() - 1))).isFalse();
    }

    /** Every index in [0, n) but i for small trees, a sample of them for large ones. */
    private static List<Integer> otherThan(int i, int n, Random random) {
        List<Integer> out = new ArrayList<>();
        if (n <= 100) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    out.add(j);
                }
            }
        } else {
            for (int j : new int[]{0, i - 1, i + 1, n - 1, random.nextInt(n), random.nextInt(n), random.nextInt(n)}) {
                if (j >= 0 && j < n && j != i) {
                    out.add(j);
                }
            }
        }
        return out;
    }

    private static List<byte[]> flipped(List<byte[]> proof, int k, Random random) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(k, flip(proof.get(k), random));
        return copy;
    }

    private static byte[] flip(byte[] hash, Random random) {
        byte[] copy = hash.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    /** MTH as RFC 9162 §2.1.1 defines it, by recursion over the leaf hashes. */
    static byte[] naiveRoot(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(n - 1);
        return Merkle.nodeHash(naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, n)));
    }

    private static List<String> hexes(List<byte[]> hashes) {
        return hashes.stream().map(Hex::hex).toList();
    }
}
