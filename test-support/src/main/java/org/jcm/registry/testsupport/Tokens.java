package org.jcm.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mints the bearer tokens the registry verifies (RS256 JWTs, MicroProfile JWT), from a key pair of its own: what the
 * launcher's development issuer and the tests use. A token carries its roles in {@code groups}, {@code jcm_country} for a
 * partner (or an operator bound to one country), {@code jcm_participant} for a participant, the audience
 * {@code jcm-registry}, and expires soon.
 */
public final class Tokens {

    public static final String AUDIENCE = "jcm-registry";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;
    private final String audience;

    private Tokens(PrivateKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The same key, claiming another issuer: its tokens must be refused. */
    public Tokens claimingIssuer(String otherIssuer) {
        return new Tokens(key, otherIssuer, audience);
    }

    /** The same key and issuer, for another audience: its tokens must be refused. */
    public Tokens forAudience(String otherAudience) {
        return new Tokens(key, issuer, otherAudience);
    }

    /** The issuer whose private key is {@code privateKeyPem} (PKCS#8 PEM), as {@link #writeKeyPair} wrote it. */
    public static Tokens issuer(Path privateKeyPem, String issuer) {
        try {
            String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new Tokens(key, issuer, AUDIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA private key: " + privateKeyPem, e);
        }
    }

    /** A fresh issuer with a key pair of its own that the registry does not trust: its tokens must be refused. */
    public static Tokens untrusted(String issuer) {
        return new Tokens(generate().getPrivate(), issuer, AUDIENCE);
    }

    /**
     * Writes a new RSA key pair as {@code jwt-private.pem} (PKCS#8, readable by the owner only) and {@code jwt-public.pem}
     * (X.509 SubjectPublicKeyInfo, what {@code mp.jwt.verify.publickey.location} names) into {@code dir}, unless they exist.
     */
    public static void writeKeyPair(Path dir) {
        Path privatePem = dir.resolve("jwt-private.pem");
        Path publicPem = dir.resolve("jwt-public.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            KeyPair pair = generate();
            PrivateFiles.write(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String operator() {
        return token("operator", List.of("operator"), null, null, Duration.ofMinutes(10));
    }

    /** An operator bound to the one country (and registry) it operates. */
    public String operatorOf(String country) {
        return token("operator-" + country.toLowerCase(), List.of("operator"), country, null, Duration.ofMinutes(10));
    }

    public String partner(String country) {
        return token("partner-" + country.toLowerCase(), List.of("partner"), country, null, Duration.ofMinutes(10));
    }

    public String participant(String participantId) {
        return token("participant-" + participantId.toLowerCase(), List.of("participant"), null, participantId, Duration.ofMinutes(10));
    }

    public String auditor() {
        return token("auditor", List.of("auditor"), null, null, Duration.ofMinutes(10));
    }

    /** A token that expired {@code ago}. */
    public String expired(Duration ago) {
        Instant now = Instant.now();
        return sign(claims("operator", List.of("operator"), null, null, now.minus(ago).minus(Duration.ofMinutes(10)), now.minus(ago)));
    }

    /** A token for {@code subject} with these roles and bindings (either may be null), valid for {@code lifetime}. */
    public String token(String subject, List<String> roles, String country, String participant, Duration lifetime) {
        Instant now = Instant.now();
        return sign(claims(subject, roles, country, participant, now, now.plus(lifetime)));
    }

    private Map<String, Object> claims(String subject, List<String> roles, String country, String participant, Instant issuedAt,
            Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("preferred_username", subject);
        claims.put("aud", audience);
        claims.put("groups", roles);
        if (country != null) {
            claims.put("jcm_country", country);
        }
        if (participant != null) {
            claims.put("jcm_participant", participant);
        }
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    private String sign(Map<String, Object> claims) {
        try {
            String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rsa.sign());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with RS256", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
