package org.jcm.registry.contract.audit;

/**
 * A service's signed tree head: its event log held {@code treeSize} entries whose RFC 9162 Merkle root was
 * {@code rootHash} at {@code timestamp}, signed with the service's Ed25519 key ({@code keyId}). Published on the service's
 * checkpoint topic and on every ACTIVE partner's outbound topic, for partners and auditors to keep: a later rewrite of
 * the log contradicts the checkpoints they hold. The signed bytes and how to check them: audit-proofs/README.md.
 *
 * @param origin the log: {@code jcm-registry/<service>}
 * @param treeSize how many entries the log held
 * @param rootHash the Merkle tree hash of those entries, lower-case hex
 * @param timestamp when it was signed (ISO-8601, UTC), as signed
 * @param keyId the first 8 bytes of the SHA-256 of the signing key's SubjectPublicKeyInfo, lower-case hex
 * @param signature the Ed25519 signature of the checkpoint body, base64
 */
public record LogCheckpointSigned(String origin, long treeSize, String rootHash, String timestamp, String keyId, String signature) {}
