package org.jcm.registry.audit;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Ed25519 signing and verification. */
final class Signatures {

    private Signatures() {}

    static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(Keys.ALGORITHM);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance(Keys.ALGORITHM);
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }
}
