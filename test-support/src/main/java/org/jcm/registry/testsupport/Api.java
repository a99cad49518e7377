package org.jcm.registry.testsupport;

import java.nio.file.Path;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured requests with the registry's bearer tokens, minted by this JVM's test issuer (whose public key the
 * services under test trust, see {@link JcmTestInfrastructure}). Most tests act as a registry operator bound to no
 * country ({@link #given()}); tests of who may do what pick their caller ({@link #as}), or none ({@link #anonymous()}).
 */
public final class Api {

    /** The issuer the services under test trust. */
    public static final String ISSUER = "urn:jcm:test-issuer";

    private Api() {}

    /** This JVM's test issuer. */
    public static Tokens tokens() {
        // Read and parse the key once per key directory (each end-to-end class has its own), not once per request.
        return ISSUERS.computeIfAbsent(TestInfra.jwtKeyDir(), dir -> Tokens.issuer(Path.of(dir).resolve("jwt-private.pem"), ISSUER));
    }

    private static final java.util.Map<String, Tokens> ISSUERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A request as a registry operator bound to no country. */
    public static RequestSpecification given() {
        return as(tokens().operator());
    }

    /** A request with this bearer token. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
    }

    /** A request without a token. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
