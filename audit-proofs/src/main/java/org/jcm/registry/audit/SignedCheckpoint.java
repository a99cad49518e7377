package org.jcm.registry.audit;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A checkpoint with its Ed25519 signature over {@link Checkpoint#body()}.
 *
 * @param keyId {@link Keys#keyId} of the signing key's public key
 * @param signature standard, padded base64 of the 64-byte Ed25519 signature
 */
public record SignedCheckpoint(Checkpoint checkpoint, String keyId, String signature) {

    private static final Set<String> KEYS = Set.of("origin", "treeSize", "rootHash", "timestamp", "keyId", "signature");

    public SignedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs; throws IllegalArgumentException if publicKey is not privateKey's. */
    public static SignedCheckpoint sign(Checkpoint checkpoint, PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] sig = Signatures.sign(privateKey, checkpoint.bodyBytes());
            if (!Signatures.verify(publicKey, checkpoint.bodyBytes(), sig)) {
                throw new IllegalArgumentException("the public key is not the signing key's");
            }
            return new SignedCheckpoint(checkpoint, Keys.keyId(publicKey), Base64.getEncoder().encodeToString(sig));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether the signature verifies with publicKey and the key id names publicKey. */
    public boolean verify(PublicKey publicKey) {
        if (!keyId.equals(Keys.keyId(publicKey))) {
            return false;
        }
        try {
            byte[] sig = Base64.getDecoder().decode(signature);
            return sig.length == 64 && Signatures.verify(publicKey, checkpoint.bodyBytes(), sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public String toJson() {
        return Json.write(toNode());
    }

    ObjectNode toNode() {
        ObjectNode o = Json.object();
        o.put("origin", checkpoint.origin());
        o.put("treeSize", checkpoint.treeSize());
        o.put("rootHash", checkpoint.rootHash());
        o.put("timestamp", checkpoint.timestamp());
        o.put("keyId", keyId);
        o.put("signature", signature);
        return o;
    }

    public static SignedCheckpoint fromJson(String json) {
        return fromNode(Json.parse(json, "checkpoint"));
    }

    static SignedCheckpoint fromNode(JsonNode node) {
        String w = "checkpoint";
        Json.object(node, w, KEYS);
        Checkpoint c = new Checkpoint(Json.text(node, "origin", w), Json.number(node, "treeSize", w), Json.text(node, "rootHash", w),
                Json.text(node, "timestamp", w));
        return new SignedCheckpoint(c, Json.text(node, "keyId", w), Json.text(node, "signature", w));
    }
}
