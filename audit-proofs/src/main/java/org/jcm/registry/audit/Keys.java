package org.jcm.registry.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** Ed25519 keys through the JDK alone, as PEM (SPKI public keys, PKCS#8 private keys, as OpenSSL writes them). */
public final class Keys {

    static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is required of every JVM since 15", e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    public static PublicKey readPublic(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(unpem(PUBLIC, pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivate(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(unpem(PRIVATE, pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** The pair of a private and a public key, checked to belong together by signing and verifying a probe. */
    public static KeyPair readPair(String privatePem, String publicPem) {
        KeyPair pair = new KeyPair(readPublic(publicPem), readPrivate(privatePem));
        try {
            byte[] probe = "jcm-audit-proofs key pair probe".getBytes(StandardCharsets.UTF_8);
            if (!Signatures.verify(pair.getPublic(), probe, Signatures.sign(pair.getPrivate(), probe))) {
                throw new IllegalArgumentException("the public key is not the private key's");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable key pair: " + e.getMessage(), e);
        }
        return pair;
    }

    /** Lower-case hex of the first 8 bytes of SHA-256 of the key's SubjectPublicKeyInfo DER encoding. */
    public static String keyId(PublicKey key) {
        return Hex.hex(Arrays.copyOf(Sha256.of(key.getEncoded()), 8));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String type, String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no PEM text");
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block \"" + begin + "\"");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block is not valid base64", e);
        }
    }
}
