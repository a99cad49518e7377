package org.jcm.registry.site.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * Who is reading which page, in which language: {@code ?lang=} if given (one of the site's languages), else the
 * browser's Accept-Language, else English. Every link the page makes keeps an explicit {@code lang}, so a page's URL is
 * its whole state.
 */
public record Visit(String lang, String path, MultivaluedMap<String, String> query) {

    /** The languages the site has a message bundle for, the first the default. */
    public static final List<String> LANGUAGES = List.of("en", "ja");

    public static Visit of(UriInfo uri, HttpHeaders headers) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String asked = query.getFirst("lang");
        String lang;
        if (asked != null) {
            if (!LANGUAGES.contains(asked)) {
                throw SiteProblem.badRequest("lang must be one of " + String.join(", ", LANGUAGES) + ".");
            }
            lang = asked;
        } else {
            lang = headers.getAcceptableLanguages().stream().map(Locale::getLanguage).filter(LANGUAGES::contains).findFirst()
                    .orElse(LANGUAGES.get(0));
        }
        return new Visit(lang, uri.getPath(), query);
    }

    public Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    /** A link to {@code path} (which may carry its own query) in this visit's language. */
    public String href(String path) {
        if (!query.containsKey("lang")) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
    }

    /** A link to {@code path} with these query parameters (empty ones left out), in this visit's language. */
    public String href(String path, Map<String, ?> params) {
        String q = params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().toString().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return href(q.isEmpty() ? path : path + "?" + q);
    }

    /** This very page in language {@code other}. */
    public String in(String other) {
        String q = query.entrySet().stream().filter(e -> !e.getKey().equals("lang"))
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return path + "?" + (q.isEmpty() ? "" : q + "&") + "lang=" + other;
    }

    /** Whether {@code lang} was asked for in the URL (forms then carry it along). */
    public boolean explicit() {
        return query.containsKey("lang");
    }

    /** A query parameter of the page, or null. */
    public String param(String name) {
        String v = query.getFirst(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
