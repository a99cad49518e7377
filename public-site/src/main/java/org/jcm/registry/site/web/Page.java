package org.jcm.registry.site.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What a page shows, in the order the one page template lays it out: a heading, a line of introduction, the
 * registry's sub-navigation, a list of figures, a chart, a search form and tables. Pages differ only in which of these
 * they fill.
 */
public final class Page {

    /** A link of the sub-navigation; {@code current} marks the page itself (aria-current). */
    public record Link(String label, String href, boolean current) {}

    /** A list of the page (a project's cycle, its participants): a heading and its items, in order if {@code ordered}. */
    public record Items(String id, String heading, boolean ordered, List<String> items) {}

    /** One figure: a term and its value. */
    public record Fact(String label, String value, String href) {}

    /** A field of the page's search form (GET: its state is the page's URL). */
    public record Field(String name, String label, String type, String value, List<Option> options, String hint) {

        public boolean select() {
            return "select".equals(type);
        }
    }

    public record Option(String value, String label, boolean selected) {}

    public final String title;
    public String heading;
    public String intro;
    public final List<Link> subnav = new ArrayList<>();
    public final List<Fact> facts = new ArrayList<>();
    public String factsHeading;
    public String chartSvg;
    public String chartHeading;
    public String formAction;
    public final List<Field> fields = new ArrayList<>();
    public final List<Items> lists = new ArrayList<>();
    public final List<TableView> tables = new ArrayList<>();
    public final List<Link> related = new ArrayList<>();

    public Page(String title) {
        this.title = title;
        this.heading = title;
    }

    public Page intro(String text) {
        intro = text;
        return this;
    }

    public Page fact(String label, Object value) {
        facts.add(new Fact(label, value == null ? "" : value.toString(), null));
        return this;
    }

    public Page fact(String label, Object value, String href) {
        facts.add(new Fact(label, value == null ? "" : value.toString(), href));
        return this;
    }

    public Page field(String name, String label, String type, String value, String hint) {
        fields.add(new Field(name, label, type, value == null ? "" : value, List.of(), hint));
        return this;
    }

    public Page select(String name, String label, String value, List<String> values) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "—", value == null || value.isEmpty()));
        values.forEach(v -> options.add(new Option(v, v, v.equals(value))));
        fields.add(new Field(name, label, "select", value == null ? "" : value, options, null));
        return this;
    }

    public Page table(TableView table) {
        tables.add(table);
        return this;
    }
}
