package org.jcm.registry.platform.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, from its verified bearer token: the MP-JWT principal name ({@code upn}, else
 * {@code preferred_username}, else {@code sub}), the {@code groups} claim as roles, {@code jcm_country} and
 * {@code jcm_participant} as its bindings. Resources pass {@link #current()} to the service they call.
 */
@RequestScoped
public class Callers {

    public static final String COUNTRY_CLAIM = "jcm_country";
    public static final String PARTICIPANT_CLAIM = "jcm_participant";

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private Caller current;

    public Callers(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public Caller current() {
        if (current == null) {
            current = identity.isAnonymous()
                    ? Caller.authenticated("anonymous", Set.of(), null, null)
                    : Caller.authenticated(identity.getPrincipal().getName(), identity.getRoles(), claim(COUNTRY_CLAIM), claim(PARTICIPANT_CLAIM));
        }
        return current;
    }

    private String claim(String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value instanceof String s ? s : null;
    }
}
