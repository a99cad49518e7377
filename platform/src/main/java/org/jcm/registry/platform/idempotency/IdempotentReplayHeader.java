package org.jcm.registry.platform.idempotency;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;

import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Tells the caller that a response is the stored answer to an earlier request with the same Idempotency-Key. */
public class IdempotentReplayHeader {

    @Inject
    RoutingContext routing;

    @ServerResponseFilter
    public void mark(ContainerResponseContext response) {
        if (routing != null && Boolean.TRUE.equals(routing.get(IdempotencyInterceptor.REPLAYED))) {
            response.getHeaders().putSingle(IdempotencyInterceptor.REPLAYED_HEADER, "true");
        }
    }
}
