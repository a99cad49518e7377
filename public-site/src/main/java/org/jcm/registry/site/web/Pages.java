package org.jcm.registry.site.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** Renders a {@link Page} (or an error) in the visit's language, with the site's layout. */
@ApplicationScoped
public class Pages {

    public static final String HTML = "text/html; charset=UTF-8";

    private final Template page;
    private final Template error;

    public Pages(@Location("page.html") Template page, @Location("error.html") Template error) {
        this.page = page;
        this.error = error;
    }

    /** The page texts in the visit's language. */
    public static Msg msg(Visit visit) {
        return "en".equals(visit.lang()) ? MessageBundles.get(Msg.class) : MessageBundles.get(Msg.class, Localized.Literal.of(visit.lang()));
    }

    public Response ok(Visit visit, Page content) {
        String html = page.data("visit", visit).data("page", content).setAttribute("locale", visit.locale()).render();
        return Response.ok(html, HTML).build();
    }

    public Response error(Visit visit, SiteProblem problem) {
        String html = error.data("visit", visit).data("problem", problem).data("page", new Page(msg(visit).error_heading(problem.code())))
                .setAttribute("locale", visit.locale()).render();
        return Response.status(problem.status()).entity(html).type(HTML).build();
    }
}
