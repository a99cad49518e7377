package org.jcm.registry.audit;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * That the log at the second checkpoint extends the log at the first: nothing of the first was changed or removed.
 *
 * @param proof lower-case hex hashes, PROOF(first.treeSize, D[second.treeSize]) of RFC 9162
 */
public record ConsistencyProof(SignedCheckpoint first, SignedCheckpoint second, List<String> proof) {

    private static final Set<String> KEYS = Set.of("first", "second", "proof");

    public ConsistencyProof {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        proof = List.copyOf(proof);
    }

    public static ConsistencyProof of(SignedCheckpoint first, SignedCheckpoint second, Merkle.NodeSource tree) {
        return new ConsistencyProof(first, second,
                Json.hexAll(Merkle.consistencyProof(first.checkpoint().treeSize(), second.checkpoint().treeSize(), tree)));
    }

    public boolean verify(PublicKey publicKey) {
        return problem(publicKey) == null;
    }

    /** What is wrong with this proof, or null if it verifies. */
    public String problem(PublicKey publicKey) {
        Checkpoint a = first.checkpoint();
        Checkpoint b = second.checkpoint();
        if (!first.verify(publicKey)) {
            return "the first checkpoint's signature does not verify with key " + Keys.keyId(publicKey);
        }
        if (!second.verify(publicKey)) {
            return "the second checkpoint's signature does not verify with key " + Keys.keyId(publicKey);
        }
        if (!a.origin().equals(b.origin())) {
            return "the checkpoints are of different logs: " + a.origin() + " and " + b.origin();
        }
        if (a.treeSize() <= 0 || a.treeSize() > b.treeSize()) {
            return "sizes " + a.treeSize() + " and " + b.treeSize() + ": the first must be at least 1 and not larger than the second";
        }
        if (proof.stream().anyMatch(h -> !Hex.isSha256Hex(h))) {
            return "the proof holds something other than lower-case hex SHA-256 hashes";
        }
        if (!Merkle.verifyConsistency(a.treeSize(), b.treeSize(), a.root(), b.root(), Json.unhexAll(proof))) {
            return "the proof does not show the log of " + b.treeSize() + " entries extends the log of " + a.treeSize();
        }
        return null;
    }

    public String toJson() {
        ObjectNode o = Json.object();
        o.set("first", first.toNode());
        o.set("second", second.toNode());
        ArrayNode p = o.putArray("proof");
        proof.forEach(p::add);
        return Json.write(o);
    }

    public static ConsistencyProof fromJson(String json) {
        String w = "consistency proof";
        JsonNode node = Json.object(Json.parse(json, w), w, KEYS);
        return new ConsistencyProof(SignedCheckpoint.fromNode(node.get("first")), SignedCheckpoint.fromNode(node.get("second")),
                Json.hexArray(node, "proof", w));
    }
}
