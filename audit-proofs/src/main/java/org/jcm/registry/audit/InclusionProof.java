package org.jcm.registry.audit;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * That one entry is in the log a signed checkpoint commits to: the entry, its leaf index and the RFC 9162 audit
 * path to the checkpoint's root.
 *
 * @param auditPath lower-case hex hashes, PATH(leafIndex, D[treeSize])
 */
public record InclusionProof(SignedCheckpoint checkpoint, LogEntry entry, long leafIndex, long treeSize, List<String> auditPath) {

    private static final Set<String> KEYS = Set.of("checkpoint", "entry", "leafIndex", "treeSize", "auditPath");

    public InclusionProof {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(entry, "entry");
        auditPath = List.copyOf(auditPath);
    }

    /** The proof for the entry at leaf index entry.position - 1 in the tree of checkpoint.treeSize leaves. */
    public static InclusionProof of(SignedCheckpoint checkpoint, LogEntry entry, Merkle.NodeSource tree) {
        long size = checkpoint.checkpoint().treeSize();
        long index = entry.position() - 1;
        return new InclusionProof(checkpoint, entry, index, size, Json.hexAll(Merkle.inclusionProof(index, size, tree)));
    }

    /**
     * The checkpoint's signature and key, the sizes and index agree, the entry's hash is its content's, and the audit
     * path leads from the entry's leaf hash to the signed root.
     */
    public boolean verify(PublicKey publicKey) {
        return problem(publicKey) == null;
    }

    /** What is wrong with this proof, or null if it verifies. */
    public String problem(PublicKey publicKey) {
        if (!checkpoint.verify(publicKey)) {
            return "the checkpoint's signature does not verify with key " + Keys.keyId(publicKey);
        }
        if (treeSize != checkpoint.checkpoint().treeSize()) {
            return "the proof is for a tree of " + treeSize + " entries but the checkpoint is of " + checkpoint.checkpoint().treeSize();
        }
        if (leafIndex != entry.position() - 1) {
            return "leaf index " + leafIndex + " is not position " + entry.position() + " - 1";
        }
        String recomputed = entry.recomputedHash();
        if (!recomputed.equals(entry.hash())) {
            return "the entry's hash does not match its content (recomputed " + recomputed + ", given " + entry.hash() + ")";
        }
        if (auditPath.stream().anyMatch(h -> !Hex.isSha256Hex(h))) {
            return "the audit path holds something other than lower-case hex SHA-256 hashes";
        }
        if (!Merkle.verifyInclusion(leafIndex, treeSize, entry.leafHash(), Json.unhexAll(auditPath), checkpoint.checkpoint().root())) {
            return "the audit path does not lead from the entry to the checkpoint's root";
        }
        return null;
    }

    public String toJson() {
        ObjectNode o = Json.object();
        o.set("checkpoint", checkpoint.toNode());
        o.set("entry", entry.toNode());
        o.put("leafIndex", leafIndex);
        o.put("treeSize", treeSize);
        ArrayNode path = o.putArray("auditPath");
        auditPath.forEach(path::add);
        return Json.write(o);
    }

    public static InclusionProof fromJson(String json) {
        String w = "inclusion proof";
        JsonNode node = Json.object(Json.parse(json, w), w, KEYS);
        return new InclusionProof(SignedCheckpoint.fromNode(node.get("checkpoint")), LogEntry.fromNode(node.get("entry")),
                Json.number(node, "leafIndex", w), Json.number(node, "treeSize", w), Json.hexArray(node, "auditPath", w));
    }
}
