package org.jcm.registry.platform.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jcm.registry.platform.problem.Problem;

/**
 * The access log of refusals: every refused request, with who asked (the authenticated name, or {@code anonymous}), the
 * operation and the rule. Never the token, nor the body.
 */
public class RefusalLog {

    private static final Logger LOG = Logger.getLogger("org.jcm.registry.access");

    @Inject
    RoutingContext routing;

    @ServerResponseFilter
    public void log(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !(response.getEntity() instanceof Problem problem)) {
            return;
        }
        LOG.infof("Refused %s %s for %s: %d %s", request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(), subject(),
                response.getStatus(), problem.code());
    }

    /** The name the request authenticated with, if it did; never forces authentication. */
    private String subject() {
        if (routing != null && routing.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                return Caller.authenticated(identity.getPrincipal().getName(), identity.getRoles(), null, null).name();
            }
        }
        return "anonymous";
    }
}
