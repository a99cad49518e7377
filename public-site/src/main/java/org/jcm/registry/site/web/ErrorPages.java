package org.jcm.registry.site.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal, with its stable code and a message a reader can act on: as a page for a browser (Accept: text/html),
 * as {@code application/problem+json} for anything else.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Pages pages;

    public ErrorPages(Pages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response problem(SiteProblem problem, UriInfo uri, HttpHeaders headers) {
        return answer(problem, uri, headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        SiteProblem problem = switch (status) {
            case 404 -> new SiteProblem(404, "JCM-WEB-001", "Not found", "There is no such page; start from the registries' list at /.");
            case 405 -> new SiteProblem(405, "JCM-WEB-002", "Method not allowed", "The public pages are only read (GET).");
            case 406, 415 -> new SiteProblem(status, "JCM-WEB-003", "Not acceptable", "The pages are HTML; the tables' CSV is under Download CSV.");
            default -> status < 500
                    ? new SiteProblem(status, "JCM-REQ-001", "Invalid request", "The request could not be understood.")
                    : unexpected(e);
        };
        return answer(problem, uri, headers);
    }

    @ServerExceptionMapper
    public Response any(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        return answer(unexpected(e), uri, headers);
    }

    private static SiteProblem unexpected(Throwable e) {
        LOG.error("page failed", e);
        return new SiteProblem(500, "JCM-SYS-001", "Internal error", "The page could not be made; the error is logged.");
    }

    private Response answer(SiteProblem problem, UriInfo uri, HttpHeaders headers) {
        boolean browser = headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
        if (browser) {
            Visit visit;
            try {
                visit = Visit.of(uri, headers);
            } catch (SiteProblem badLanguage) {
                visit = new Visit("en", uri.getPath(), new MultivaluedHashMap<>());
            }
            return pages.error(visit, problem);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:jcm:problem:" + problem.code());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("code", problem.code());
        body.put("instance", uri.getPath());
        return Response.status(problem.status()).type("application/problem+json").entity(body).build();
    }
}
