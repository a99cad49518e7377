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

    /** The project list's columns, those of {@code GET /api/projects?format=csv}. */
    static final List<String> COLUMNS = List.of("reference", "pinReference", "title", "hostCountry", "methodology", "sectoralScope", "state",
            "cityCollaboration", "estimatedAnnualReductions", "creditingPeriodStart", "creditingPeriodEnd", "id");
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
        List<Map<String, Object>> projects = upstream.list(PROJECTS, "/api/projects", q);
        List<String> countries = upstream.list(PROJECTS, "/api/countries", Map.of()).stream().map(c -> String.valueOf(c.get("code"))).sorted()
                .toList();
        Page page = new Page(msg.projects_heading());
        page.select("country", msg.country(), visit.param("country"), countries);
        page.field("methodology", msg.methodology(), "text", visit.param("methodology"), null);
        page.select("state", msg.state(), visit.param("state"), STATES);
        page.field("cityCollaboration", msg.city(), "text", visit.param("cityCollaboration"), null);
        page.table(TableView.of("projects", msg.nav_projects(), COLUMNS, projects.stream().map(ProjectPages::row).toList(),
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
        Map<String, Object> row = row(p);
        page.factsHeading = msg.project();
        page.fact(msg.country(), p.get("hostCountry"), visit.href("/projects", Map.of("country", p.get("hostCountry"))));
        page.fact(msg.methodology(), row.get("methodology"), visit.href("/projects", Map.of("methodology", row.get("methodology"))));
        page.fact(msg.state(), p.get("state"));
        COLUMNS.stream().filter(c -> !List.of("title", "hostCountry", "methodology", "state", "id").contains(c))
                .forEach(c -> page.fact(TableView.words(c), row.get(c)));

        page.table(TableView.of("cycle", msg.cycle(), List.of("step", "date", "by"), cycle(p), null, msg.no_rows(), (c, r) -> null));
        page.table(TableView.of("participants", msg.participants(), List.of("name", "country", "role", "focalPoint"),
                ((List<Map<String, Object>>) p.getOrDefault("participants", List.of())).stream()
                        .map(x -> pick(x, "name", "country", "role", "focalPoint"))
                        .toList(),
                null, msg.no_rows(), (c, r) -> null));
        List<Map<String, Object>> reports = (List<Map<String, Object>>) details.getOrDefault("monitoringReports", List.of());
        List<Map<String, Object>> periods = new ArrayList<>();
        List<Map<String, Object>> verifications = new ArrayList<>();
        for (Map<String, Object> r : reports) {
            Map<String, Object> period = (Map<String, Object>) r.get("period");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("periodStart", period.get("start"));
            m.put("periodEnd", period.get("end"));
            m.put("claimedReductions", vintages((List<Map<String, Object>>) r.get("claimedReductions")));
            m.put("totalClaimed", r.get("totalClaimed"));
            m.put("submittedOn", r.get("submittedOn"));
            m.put("supersededBy", r.get("supersededBy"));
            periods.add(m);
            for (Map<String, Object> v : (List<Map<String, Object>>) r.getOrDefault("verifications", List.of())) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("periodStart", period.get("start"));
                w.put("periodEnd", period.get("end"));
                w.put("verifiedBy", v.get("tpeName"));
                w.put("verifiedOn", v.get("verifiedOn"));
                w.put("opinion", v.get("opinion"));
                w.put("verifiedReductions", vintages((List<Map<String, Object>>) v.get("verifiedReductions")));
                w.put("totalVerified", v.get("totalVerified"));
                w.put("supersededBy", v.get("supersededBy"));
                verifications.add(w);
            }
        }
        page.table(
                TableView.of("monitoring", msg.monitoring(), List.of("periodStart", "periodEnd", "claimedReductions", "totalClaimed"), periods, null,
                        msg.no_rows(), (c, r) -> null));
        page.table(TableView.of("verifications", msg.verifications(),
                List.of("periodStart", "periodEnd", "verifiedBy", "verifiedOn", "opinion", "totalVerified"),
                verifications, null, msg.no_rows(), (c, r) -> null));
        if (p.get("reference") != null) {
            Map<String, String> q = Map.of("project", reference);
            page.table(RegistryPages.issuanceTable(visit, msg, upstream.list(CREDITS, "/api/reports/issuances", q),
                    visit.href("/download/issuances", q)));
        }
        page.related.add(new Page.Link(msg.nav_projects(), visit.href("/projects"), false));
        return pages.ok(visit, page);
    }

    /** A project as a row of the list, with the columns of the API's CSV. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Map<String, Object> p) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> city = (Map<String, Object>) p.get("cityCollaboration");
        Map<String, Object> crediting = (Map<String, Object>) p.get("creditingPeriod");
        row.put("reference", p.get("reference"));
        row.put("pinReference", p.get("pinReference"));
        row.put("title", p.get("title"));
        row.put("hostCountry", p.get("hostCountry"));
        row.put("methodology", p.get("methodologyReference"));
        row.put("sectoralScope", p.get("sectoralScope"));
        row.put("state", p.get("state"));
        row.put("cityCollaboration", city == null ? null : city.get("japaneseCity") + "-" + city.get("partnerCity"));
        row.put("estimatedAnnualReductions", p.get("estimatedAnnualReductions"));
        row.put("creditingPeriodStart", crediting == null ? null : crediting.get("start"));
        row.put("creditingPeriodEnd", crediting == null ? null : crediting.get("end"));
        row.put("id", p.get("id"));
        return row;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cycle(Map<String, Object> p) {
        List<Map<String, Object>> steps = new ArrayList<>();
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

    private static void decision(List<Map<String, Object>> steps, String step, Map<String, Object> decision) {
        if (decision != null) {
            step(steps, step, decision.get("decidedOn"), decision.get("reference"));
        }
    }

    private static void step(List<Map<String, Object>> steps, String step, Object date, Object by) {
        if (date != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", step);
            s.put("date", date);
            s.put("by", by);
            steps.add(s);
        }
    }

    private static String vintages(List<Map<String, Object>> amounts) {
        if (amounts == null) {
            return "";
        }
        return String.join(", ", amounts.stream().map(a -> a.get("vintage") + ": " + a.get("tonnes")).toList());
    }

    private static Map<String, Object> pick(Map<String, Object> from, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, from.get(k));
        }
        return out;
    }
}
