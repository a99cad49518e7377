package org.jcm.registry.site.registry;

import static org.jcm.registry.site.web.Upstream.Source.CREDITS;

import java.math.BigInteger;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jcm.registry.site.web.Figures;
import org.jcm.registry.site.web.Msg;
import org.jcm.registry.site.web.Page;
import org.jcm.registry.site.web.Pages;
import org.jcm.registry.site.web.SiteProblem;
import org.jcm.registry.site.web.TableView;
import org.jcm.registry.site.web.Upstream;
import org.jcm.registry.site.web.Visit;

/**
 * The pages of each registry, from credit-issuance's public reports: its overview (totals, issued by vintage), its
 * issuances and retirements block by block, the lineage of a serial, the annual transaction summary and the Article 6
 * tables. Every table links to the very CSV the report answers.
 */
@Path("/")
public class RegistryPages {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final Pattern DISPLAY = Pattern.compile("JCM-([A-Z0-9]{1,8})-(.+)-(\\d{4})-(\\d{1,18})-(\\d{1,18})");

    private final Upstream upstream;
    private final Pages pages;

    public RegistryPages(Upstream upstream, Pages pages) {
        this.upstream = upstream;
        this.pages = pages;
    }

    @GET
    public Response home(@Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        List<Map<String, Object>> registries = upstream.list(CREDITS, "/api/registries", Map.of());
        Page page = new Page(msg.home_heading()).intro(msg.home_intro());
        page.table(TableView.of("registries", msg.nav_registries(), List.of("code", "countryCode", "name", "article6RegistryId", "hosting", "state",
                "lastSerial", "openedAt"), registries, visit.href("/download/registries"), msg.no_rows(),
                (column, row) -> column.equals("code") || column.equals("name") ? visit.href("/registries/" + row.get("code")) : null));
        page.related.add(new Page.Link(msg.nav_projects(), visit.href("/projects"), false));
        return pages.ok(visit, page);
    }

    @GET
    @Path("/registries/{code}")
    public Response overview(@PathParam("code") String code, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        Map<String, Object> registry = registry(code);
        String reg = registry.get("code").toString();
        Map<String, String> q = Map.of("registry", reg);
        List<Map<String, Object>> holdings = upstream.list(CREDITS, "/api/reports/holdings", q);
        List<Map<String, Object>> transactions = upstream.list(CREDITS, "/api/reports/transactions", q);
        List<Map<String, Object>> issued = upstream.list(CREDITS, "/api/reports/issuance", q);

        Page page = registryPage(visit, msg, reg, "overview", msg.registry_heading(reg) + " · " + registry.get("name"));
        page.factsHeading = msg.totals();
        page.fact(msg.issued(), Figures.sum(issued, "quantity", r -> true));
        page.fact(msg.held_government(), Figures.sum(holdings, "quantity", r -> "GOVERNMENT_HOLDING".equals(r.get("accountType"))));
        page.fact(msg.held_entity(), Figures.sum(holdings, "quantity", r -> "ENTITY_HOLDING".equals(r.get("accountType"))));
        page.fact(msg.retired(), Figures.sum(holdings, "quantity", r -> "RETIREMENT".equals(r.get("accountType"))),
                visit.href("/registries/" + reg + "/retirements"));
        page.fact(msg.cancelled(), Figures.sum(holdings, "quantity", r -> "CANCELLATION".equals(r.get("accountType"))));
        page.fact(msg.transferred(),
                Figures.sum(transactions, "quantity", r -> List.of("INTERNAL_TRANSFER", "EXTERNAL_TRANSFER").contains(r.get("transactionType"))));

        SortedMap<Integer, BigInteger> byVintage = new TreeMap<>();
        issued.forEach(r -> byVintage.merge(Figures.of(r.get("vintage")).intValueExact(), Figures.of(r.get("quantity")), BigInteger::add));
        page.chartHeading = msg.by_vintage();
        page.chartSvg = Chart.bars(msg.by_vintage(), byVintage);
        page.table(TableView.of("holdings", msg.holdings_by_type(), List.of(), holdings, visit.href("/download/holdings", q), msg.no_rows(),
                (c, r) -> null));
        page.table(TableView.of("transactions", msg.transactions_all_time(), List.of(), transactions, visit.href("/download/transactions", q),
                msg.no_rows(), (c, r) -> null));
        page.table(TableView.of("issued", msg.issued_per_project(), List.of("registry", "hostCountry", "project", "vintage", "issuances", "quantity"),
                issued, visit.href("/download/issuance", q), msg.no_rows(), (c, r) -> projectLink(visit, c, r)));
        return pages.ok(visit, page);
    }

    @GET
    @Path("/registries/{code}/issuances")
    public Response issuances(@PathParam("code") String code, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        String reg = code(code);
        Map<String, String> q = query("registry", reg, "year", visit.param("year"), "project", visit.param("project"));
        List<Map<String, Object>> rows = upstream.list(CREDITS, "/api/reports/issuances", q);
        Page page = registryPage(visit, msg, reg, "issuances", msg.nav_issuances() + " · " + msg.registry_heading(reg));
        page.field("year", msg.year(), "number", visit.param("year"), null).field("project", msg.project(), "text", visit.param("project"), null);
        page.table(issuanceTable(visit, msg, rows, visit.href("/download/issuances", q)));
        return pages.ok(visit, page);
    }

    @GET
    @Path("/registries/{code}/retirements")
    public Response retirements(@PathParam("code") String code, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        String reg = code(code);
        Map<String, String> q = query("registry", reg, "year", visit.param("year"));
        List<Map<String, Object>> rows = upstream.list(CREDITS, "/api/reports/retirements", q);
        Page page = registryPage(visit, msg, reg, "retirements", msg.nav_retirements() + " · " + msg.registry_heading(reg));
        page.field("year", msg.year(), "number", visit.param("year"), null);
        page.table(TableView.of("retirements", msg.nav_retirements(),
                List.of("registry", "transaction", "retiredAt", "purpose", "beneficiary", "yearOfUse",
                        "project", "vintage", "quantity", "firstSerial", "lastSerial", "block"),
                rows, visit.href("/download/retirements", q), msg.no_rows(),
                (c, r) -> c.equals("block")
                        ? visit.href("/registries/" + reg + "/serials", Map.of("serial", r.get("firstSerial")))
                        : projectLink(visit, c, r)));
        return pages.ok(visit, page);
    }

    @GET
    @Path("/registries/{code}/serials")
    public Response serials(@PathParam("code") String code, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        Map<String, Object> registry = registry(code);
        String reg = registry.get("code").toString();
        Page page = registryPage(visit, msg, reg, "serials", msg.nav_serials() + " · " + msg.registry_heading(reg));
        String asked = visit.param("serial");
        page.field("serial", msg.serial(), "text", asked, msg.serial_hint());
        if (asked != null) {
            String serial = serial(reg, asked);
            Map<String, String> q = query("registry", reg, "serial", serial);
            List<Map<String, Object>> rows = upstream.list(CREDITS, "/api/reports/serial-lineage", q);
            page.table(TableView.of("lineage", msg.lineage_heading(serial), List.of(), rows, visit.href("/download/serial-lineage", q), msg.no_rows(),
                    (c, r) -> projectLink(visit, c, r)));
        }
        return pages.ok(visit, page);
    }

    @GET
    @Path("/registries/{code}/transactions")
    public Response transactions(@PathParam("code") String code, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        String reg = code(code);
        String year = yearOrNow(visit);
        Map<String, String> q = query("registry", reg, "year", year);
        List<Map<String, Object>> rows = upstream.list(CREDITS, "/api/reports/transactions", q);
        Page page = registryPage(visit, msg, reg, "transactions", msg.nav_transactions() + " " + year + " · " + msg.registry_heading(reg));
        page.field("year", msg.year(), "number", year, null);
        page.table(
                TableView.of("summary", msg.nav_transactions() + " " + year, List.of(), rows, visit.href("/download/transactions", q), msg.no_rows(),
                        (c, r) -> null));
        return pages.ok(visit, page);
    }

    @GET
    @Path("/registries/{code}/article6")
    public Response article6(@PathParam("code") String code, @Context UriInfo uri, @Context HttpHeaders headers) {
        Visit visit = Visit.of(uri, headers);
        Msg msg = Pages.msg(visit);
        String reg = code(code);
        String year = yearOrNow(visit);
        Map<String, String> q = query("registry", reg, "year", year);
        Page page = registryPage(visit, msg, reg, "article6", msg.nav_article6() + " " + year + " · " + msg.registry_heading(reg));
        page.field("year", msg.year(), "number", year, null);
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("authorizations", msg.a6_authorizations());
        tables.put("actions", msg.a6_actions());
        tables.put("holdings", msg.a6_holdings());
        tables.forEach((table, caption) -> page.table(TableView.of("aef-" + table, caption + " " + year, List.of(),
                upstream.list(CREDITS, "/api/reports/article6/" + table, q), visit.href("/download/article6/" + table, q), msg.no_rows(),
                (c, r) -> projectLink(visit, c, r))));
        return pages.ok(visit, page);
    }

    /** The table of issuances, block by block, as the registry's issuance page and a project's page show it. */
    public static TableView issuanceTable(Visit visit, Msg msg, List<Map<String, Object>> rows, String csvHref) {
        return TableView.of("issuances", msg.nav_issuances(), List.of("registry", "issuance", "project", "hostCountry", "monitoringPeriodStart",
                "monitoringPeriodEnd", "decisionReference", "decidedOn", "issuedAt", "vintage", "accountType", "quantity", "firstSerial",
                "lastSerial", "block"),
                rows, csvHref, msg.no_rows(), (c, r) -> c.equals("block")
                        ? visit.href("/registries/" + r.get("registry") + "/serials", Map.of("serial", r.get("firstSerial")))
                        : projectLink(visit, c, r));
    }

    private static String projectLink(Visit visit, String column, Map<String, Object> row) {
        return column.equals("project") ? visit.href("/projects/" + row.get("project")) : null;
    }

    /** A serial number as asked: digits, or a block in display form of this registry (its first serial). */
    private static String serial(String registry, String asked) {
        if (asked.matches("\\d{1,18}")) {
            return asked;
        }
        Matcher m = DISPLAY.matcher(asked);
        if (m.matches()) {
            if (!m.group(1).equals(registry)) {
                throw SiteProblem.badRequest("Block " + asked + " is of registry " + m.group(1) + ": look it up on that registry's serial lookup.");
            }
            return m.group(4);
        }
        throw SiteProblem.badRequest("A serial number is digits (1501), or a block as displayed (JCM-" + registry + "-TH001-2025-1501-1800).");
    }

    /** The registry, for the pages that show its name or may ask nothing else of credit-issuance. */
    private Map<String, Object> registry(String code) {
        return upstream.object(CREDITS, "/api/registries/" + code(code), Map.of());
    }

    /**
     * A registry code as a page's path gives it, refused without asking if it cannot be one; the reports a page reads
     * answer 404 JCM-REG-001 for a registry that does not exist, so those pages do not fetch the registry first.
     */
    private static String code(String code) {
        if (!CODE.matcher(code).matches()) {
            throw new SiteProblem(404, "JCM-REG-001", "No such registry",
                    "There is no registry " + code.substring(0, Math.min(code.length(), 16)) + ".");
        }
        return code;
    }

    /** The page's year, or this year (UTC). */
    private static String yearOrNow(Visit visit) {
        return visit.param("year") == null ? Integer.toString(Year.now(ZoneOffset.UTC).getValue()) : visit.param("year");
    }

    private static Page registryPage(Visit visit, Msg msg, String registry, String current, String title) {
        Page page = new Page(title);
        String base = "/registries/" + registry;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("overview", msg.nav_overview());
        links.put("issuances", msg.nav_issuances());
        links.put("retirements", msg.nav_retirements());
        links.put("serials", msg.nav_serials());
        links.put("transactions", msg.nav_transactions());
        links.put("article6", msg.nav_article6());
        links.forEach(
                (k, label) -> page.subnav.add(new Page.Link(label, visit.href(k.equals("overview") ? base : base + "/" + k), k.equals(current))));
        return page;
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                q.put(pairs[i], pairs[i + 1]);
            }
        }
        return q;
    }
}
