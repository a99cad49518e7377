package org.jcm.registry.site.project;

import static org.jcm.registry.site.web.Upstream.Source.CREDITS;
import static org.jcm.registry.site.web.Upstream.Source.PROJECTS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jcm.registry.site.registry.RegistryPages;
import org.jcm.registry.site.web.Msg;
import org.jcm.registry.site.web.Page;
import org.jcm.registry.site.web.Pages;
import org.jcm.registry.site.web.SiteProblem;
import org.jcm.registry.site.web.TableView;
import org.jcm.registry.site.web.Upstream;
import org.jcm.registry.site.web.Visit;

/**
 * The projects, from project-registry's public endpoints: a search by country, methodology, state and city-to-city
 * collaboration, and each project's page with its cycle, participants, monitoring periods and verifications, and the
 * credits issued for it (credit-issuance's issuance report).
 */
@Path("/projects")
public class ProjectPages {

    private static final List<String> STATES = List.of("IDEA_SUBMITTED", "NO_OBJECTION", "DESIGN_PUBLISHED", "VALIDATED", "REGISTRATION_REQUESTED",
            "REGISTERED", "WITHDRAWN", "DEREGISTERED");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Upstream upstream;
    private final Pages pages;

    public ProjectPages(Upstream upstream, Pages pages) {
        this.upstream = upstream;
        this.pages = pages;
    }

    @GET
    public Response search(@Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        Map<String, String> q = new LinkedHashMap<>();
        for (String p : List.of("country", "methodology", "state", "cityCollaboration")) {
            if (visit.param(p) != null) {
                q.put(p, visit.param(p));
            }
        }
        List<Map<String, Object>> projects = upstream.list(PROJECTS, "/api/reports/projects", q);
        List<String> countries = upstream.list(PROJECTS, "/api/countries", Map.of()).stream().map(c -> String.valueOf(c.get("code"))).sorted()
                .toList();
        Page page = new Page(msg.projects_heading());
        page.select("country", msg.country(), visit.param("country"), countries);
        page.field("methodology", msg.methodology(), "text", visit.param("methodology"), null);
        page.select("state", msg.state(), visit.param("state"), STATES);
        page.field("cityCollaboration", msg.city(), "text", visit.param("cityCollaboration"), null);
        page.table(TableView.of("projects", msg.nav_projects(), List.of("reference", "pinReference", "title", "hostCountry", "methodology", "state"),
                projects,
                visit.href("/download/projects", q), msg.no_rows(), (c, r) -> c.equals("reference") || c.equals("title") || c.equals("pinReference")
                        ? visit.href("/projects/" + r.get("id"))
                        : null));
        return pages.ok(visit, page);
    }

    @GET
    @Path("/{id}")
    @SuppressWarnings("unchecked")
    public Response project(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        if (!ID.matcher(id).matches()) {
            throw new SiteProblem(404, "JCM-PRJ-001", "No such project", "There is no project " + id.substring(0, Math.min(16, id.length())) + ".");
        }
        Map<String, Object> details = upstream.object(PROJECTS, "/api/projects/" + id, Map.of());
        Map<String, Object> p = (Map<String, Object>) details.get("project");
        String reference = p.get("reference") != null ? p.get("reference").toString() : String.valueOf(p.get("pinReference"));
        Page page = new Page(msg.project_heading(reference) + " · " + p.get("title"));
        Map<String, Object> city = (Map<String, Object>) p.get("cityCollaboration");
        Map<String, Object> crediting = (Map<String, Object>) p.get("creditingPeriod");
        page.factsHeading = msg.project();
        page.fact(msg.country(), p.get("hostCountry"), visit.href("/projects", Map.of("country", p.get("hostCountry"))));
        page.fact(msg.methodology(), p.get("methodologyReference"), visit.href("/projects", Map.of("methodology", p.get("methodologyReference"))));
        page.fact(msg.state(), p.get("state"));
        page.fact("Reference", p.get("reference"));
        page.fact("PIN reference", p.get("pinReference"));
        page.fact("Sectoral scope", p.get("sectoralScope"));
        page.fact(msg.city(), city == null ? "" : city.get("japaneseCity") + "-" + city.get("partnerCity"));
        page.fact("Estimated annual reductions (tCO2e)", p.get("estimatedAnnualReductions"));
        page.fact("Crediting period", crediting == null ? "" : crediting.get("start") + " – " + crediting.get("end"));

        page.lists.add(new Page.Items("cycle", msg.cycle(), true, cycle(p)));
        page.lists.add(new Page.Items("participants", msg.participants(), false,
                ((List<Map<String, Object>>) p.getOrDefault("participants", List.of())).stream()
                        .map(x -> x.get("name") + " (" + x.get("country") + ", " + x.get("role")
                                + (Boolean.TRUE.equals(x.get("focalPoint")) ? ", focal point" : "")
                                + ")")
                        .toList()));
        Map<String, String> mq = Map.of("project", p.get("id").toString());
        page.table(TableView.of("monitoring", msg.monitoring(), List.of("project", "monitoringReport", "periodStart", "periodEnd"),
                upstream.list(PROJECTS, "/api/reports/monitoring", mq), visit.href("/download/monitoring", mq), msg.no_rows(), (c, r) -> null));
        if (p.get("reference") != null) {
            Map<String, String> q = Map.of("project", reference);
            page.table(RegistryPages.issuanceTable(visit, msg, upstream.list(CREDITS, "/api/reports/issuances", q),
                    visit.href("/download/issuances", q)));
        }
        page.related.add(new Page.Link(msg.nav_projects(), visit.href("/projects"), false));
        return pages.ok(visit, page);
    }

    /** The project's cycle so far, a step per line: "2015-04-01 No objection (JC-NO-1)". */
    @SuppressWarnings("unchecked")
    private static List<String> cycle(Map<String, Object> p) {
        List<String> steps = new ArrayList<>();
        step(steps, "Idea note submitted", p.get("submittedOn"), p.get("pinReference"));
        decision(steps, "No objection", (Map<String, Object>) p.get("noObjection"));
        step(steps, "Design document published", p.get("designPublishedOn"), null);
        Map<String, Object> validation = (Map<String, Object>) p.get("validation");
        if (validation != null) {
            step(steps, "Validated", validation.get("validatedOn"), validation.get("tpeName"));
        }
        step(steps, "Registration requested", p.get("registrationRequestedOn"), null);
        decision(steps, "Registered", (Map<String, Object>) p.get("registration"));
        step(steps, "Withdrawn", p.get("withdrawnOn"), null);
        decision(steps, "Deregistered", (Map<String, Object>) p.get("deregistration"));
        return steps;
    }

    private static void decision(List<String> steps, String step, Map<String, Object> decision) {
        if (decision != null) {
            step(steps, step, decision.get("decidedOn"), decision.get("reference"));
        }
    }

    private static void step(List<String> steps, String step, Object date, Object by) {
        if (date != null) {
            steps.add(date + " " + step + (by == null ? "" : " (" + by + ")"));
        }
    }

}
