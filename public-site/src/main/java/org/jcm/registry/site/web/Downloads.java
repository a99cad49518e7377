package org.jcm.registry.site.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Every table's CSV, byte for byte the service's own ({@code format=csv} of the same report with the same parameters):
 * the site makes no CSV of its own, so a download can never disagree with the API.
 */
@Path("/download")
public class Downloads {

    private static final List<String> PARAMETERS = List.of("registry", "year", "asOf", "project", "serial", "country", "state", "methodology",
            "cityCollaboration");

    private final Upstream upstream;

    public Downloads(Upstream upstream) {
        this.upstream = upstream;
    }

    @GET
    @Path("/{report: holdings|transactions|issuance|issuances|retirements|serial-lineage}")
    public Response report(@PathParam("report") String report, @Context UriInfo uri) {
        return answer(upstream.csv(Upstream.Source.CREDITS, "/api/reports/" + report, parameters(uri)));
    }

    @GET
    @Path("/article6/{table: authorizations|actions|holdings}")
    public Response article6(@PathParam("table") String table, @Context UriInfo uri) {
        return answer(upstream.csv(Upstream.Source.CREDITS, "/api/reports/article6/" + table, parameters(uri)));
    }

    @GET
    @Path("/{report: projects|monitoring}")
    public Response projects(@PathParam("report") String report, @Context UriInfo uri) {
        return answer(upstream.csv(Upstream.Source.PROJECTS, "/api/reports/" + report, parameters(uri)));
    }

    @GET
    @Path("/registries")
    public Response registries() {
        return answer(upstream.csv(Upstream.Source.CREDITS, "/api/registries", Map.of()));
    }

    private static Response answer(Upstream.Csv csv) {
        Response.ResponseBuilder r = Response.ok(csv.body(), csv.contentType());
        if (csv.disposition() != null) {
            r.header("Content-Disposition", csv.disposition());
        }
        return r.build();
    }

    private static Map<String, String> parameters(UriInfo uri) {
        Map<String, String> q = new LinkedHashMap<>();
        PARAMETERS.forEach(p -> {
            String v = uri.getQueryParameters().getFirst(p);
            if (v != null) {
                q.put(p, v);
            }
        });
        return q;
    }
}
