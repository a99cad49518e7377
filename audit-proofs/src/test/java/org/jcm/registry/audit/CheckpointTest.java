package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CheckpointTest {

    static final KeyPair KEYS = Keys.generate();
    static final Checkpoint CHECKPOINT = new Checkpoint("jcm-registry/credit-issuance", 40,
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", "2026-12-01T10:00:00.123456Z");

    @Test
    void bodyIsTheFourLinesSigned() {
        assertThat(CHECKPOINT.body()).isEqualTo(
                "jcm-registry/credit-issuance\n40\n5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n2026-12-01T10:00:00.123456Z\n");
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, CHECKPOINT.rootHash(), "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", 1, CHECKPOINT.rootHash().toUpperCase(), "t")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signAndVerifyRoundTrip() {
        SignedCheckpoint signed = SignedCheckpoint.sign(CHECKPOINT, KEYS.getPrivate(), KEYS.getPublic());
        assertThat(signed.verify(KEYS.getPublic())).isTrue();
        assertThat(signed.keyId()).isEqualTo(Keys.keyId(KEYS.getPublic())).hasSize(16);
        assertThat(Base64.getDecoder().decode(signed.signature())).hasSize(64);
        SignedCheckpoint read = SignedCheckpoint.fromJson(signed.toJson());
        assertThat(read).isEqualTo(signed);
        assertThat(read.verify(KEYS.getPublic())).isTrue();
    }

    @Test
    void anyChangeOrAnotherKeyFails() {
        SignedCheckpoint signed = SignedCheckpoint.sign(CHECKPOINT, KEYS.getPrivate(), KEYS.getPublic());
        Checkpoint c = CHECKPOINT;
        assertThat(new SignedCheckpoint(new Checkpoint(c.origin(), 41, c.rootHash(), c.timestamp()), signed.keyId(), signed.signature())
                .verify(KEYS.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(new Checkpoint(c.origin(), 40, "6" + c.rootHash().substring(1), c.timestamp()), signed.keyId(),
                signed.signature()).verify(KEYS.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(new Checkpoint("jcm-registry/credit-issuancf", 40, c.rootHash(), c.timestamp()), signed.keyId(),
                signed.signature()).verify(KEYS.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(new Checkpoint(c.origin(), 40, c.rootHash(), "2026-12-01T10:00:00.123457Z"), signed.keyId(),
                signed.signature()).verify(KEYS.getPublic())).isFalse();
        byte[] sig = Base64.getDecoder().decode(signed.signature());
        sig[10] ^= 1;
        assertThat(new SignedCheckpoint(c, signed.keyId(), Base64.getEncoder().encodeToString(sig)).verify(KEYS.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(c, signed.keyId(), "not base64!").verify(KEYS.getPublic())).isFalse();

        KeyPair other = Keys.generate();
        assertThat(signed.verify(other.getPublic())).isFalse();
        SignedCheckpoint byOther = SignedCheckpoint.sign(c, other.getPrivate(), other.getPublic());
        assertThat(new SignedCheckpoint(c, signed.keyId(), byOther.signature()).verify(KEYS.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(c, "0123456789abcdef", signed.signature()).verify(KEYS.getPublic())).isFalse();
        assertThatThrownBy(() -> SignedCheckpoint.sign(c, KEYS.getPrivate(), other.getPublic())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysSurvivePem() {
        String pub = Keys.publicPem(KEYS.getPublic());
        String priv = Keys.privatePem(KEYS.getPrivate());
        assertThat(pub).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(priv).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        KeyPair read = Keys.readPair(priv, pub);
        assertThat(read.getPublic().getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
        assertThat(Keys.keyId(read.getPublic())).isEqualTo(Keys.keyId(KEYS.getPublic()));
        SignedCheckpoint signed = SignedCheckpoint.sign(CHECKPOINT, read.getPrivate(), read.getPublic());
        assertThat(signed.verify(KEYS.getPublic())).isTrue();
        assertThatThrownBy(() -> Keys.readPair(priv, Keys.publicPem(Keys.generate().getPublic()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.readPublic(priv)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proofsRoundTripThroughJsonAndVerify() {
        var entries = Synthetic.log(40);
        var tree = Synthetic.tree(entries);
        SignedCheckpoint at30 = Synthetic.checkpoint(tree, 30, KEYS);
        SignedCheckpoint at40 = Synthetic.checkpoint(tree, 40, KEYS);

        InclusionProof inclusion = InclusionProof.of(at40, entries.get(11), tree);
        InclusionProof read = InclusionProof.fromJson(inclusion.toJson());
        assertThat(read).isEqualTo(inclusion);
        assertThat(read.verify(KEYS.getPublic())).isTrue();
        assertThat(read.verify(Keys.generate().getPublic())).isFalse();
        assertThat(new InclusionProof(at40, entries.get(12), 11, 40, inclusion.auditPath()).verify(KEYS.getPublic())).isFalse();
        assertThat(new InclusionProof(at40, entries.get(11), 11, 39, inclusion.auditPath()).verify(KEYS.getPublic())).isFalse();
        assertThat(new InclusionProof(at40, Synthetic.withMessage(entries.get(11), "forged"), 11, 40, inclusion.auditPath()).verify(KEYS.getPublic()))
                .isFalse();

        ConsistencyProof consistency = ConsistencyProof.of(at30, at40, tree);
        ConsistencyProof readC = ConsistencyProof.fromJson(consistency.toJson());
        assertThat(readC).isEqualTo(consistency);
        assertThat(readC.verify(KEYS.getPublic())).isTrue();
        assertThat(new ConsistencyProof(at40, at30, consistency.proof()).verify(KEYS.getPublic())).isFalse();
        assertThat(new ConsistencyProof(Synthetic.checkpoint(tree, 29, KEYS), at40, consistency.proof()).verify(KEYS.getPublic())).isFalse();
    }
}
