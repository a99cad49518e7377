package org.jcm.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.jcm.registry.audit.Keys;

/** A service's checkpoint signing key pair on disk, as the launcher and the tests give it to the service. */
public final class AuditSigningKeys {

    public static final String PRIVATE_FILE = "signing-key.pem";
    public static final String PUBLIC_FILE = "signing-key.pub.pem";

    private AuditSigningKeys() {}

    /**
     * Writes a new Ed25519 key pair into {@code dir} ({@value #PRIVATE_FILE}, PKCS#8, readable by the owner only, and
     * {@value #PUBLIC_FILE}, SubjectPublicKeyInfo) unless both exist; returns their paths, private first.
     */
    public static synchronized Path[] ensure(Path dir) {
        Path privatePem = dir.resolve(PRIVATE_FILE);
        Path publicPem = dir.resolve(PUBLIC_FILE);
        if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
            try {
                Files.createDirectories(dir);
                KeyPair pair = Keys.generate();
                PrivateFiles.write(privatePem, Keys.privatePem(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
                Files.writeString(publicPem, Keys.publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Path[]{privatePem, publicPem};
    }
}
