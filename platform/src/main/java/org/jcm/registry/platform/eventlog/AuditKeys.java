package org.jcm.registry.platform.eventlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import org.jcm.registry.audit.Keys;
import org.jcm.registry.platform.PlatformConfig;

/**
 * The service's checkpoint signing key pair, read once at start-up from the files {@code jcm.audit.signing-key} and
 * {@code jcm.audit.public-key}: a service that cannot sign its checkpoints does not start. The key lives outside the
 * database, so a role that can write the database cannot sign a rewritten history.
 */
@Startup
@ApplicationScoped
public class AuditKeys {

    private final KeyPair pair;
    private final String publicPem;

    public AuditKeys(PlatformConfig config) {
        Path privateFile = Path.of(config.audit().signingKey());
        Path publicFile = Path.of(config.audit().publicKey());
        try {
            this.publicPem = Files.readString(publicFile);
            this.pair = Keys.readPair(Files.readString(privateFile), publicPem);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The checkpoint signing key pair (jcm.audit.signing-key " + privateFile + ", jcm.audit.public-key "
                    + publicFile + ") cannot be read: " + e.getMessage(), e);
        }
    }

    public KeyPair pair() {
        return pair;
    }

    /** The public key as PEM (SubjectPublicKeyInfo), as auditors check signatures with it. */
    public String publicPem() {
        return publicPem;
    }
}
