package org.jcm.registry.site.registry;

import java.math.BigInteger;
import java.util.Map;
import java.util.SortedMap;

/**
 * A bar chart drawn on the server as SVG: one bar per label (a vintage), its length proportional to its value, the value
 * written beside it. No script, readable by a screen reader through its title and the table that carries the same
 * figures.
 */
final class Chart {

    private static final int WIDTH = 640;
    private static final int BAR = 28;
    private static final int GAP = 10;
    private static final int LABEL = 64;
    private static final int VALUE = 120;

    private Chart() {}

    /** Horizontal bars of {@code values}, in key order, titled {@code title}; empty if there is nothing to draw. */
    static String bars(String title, SortedMap<Integer, BigInteger> values) {
        if (values.isEmpty()) {
            return null;
        }
        BigInteger max = values.values().stream().max(BigInteger::compareTo).orElse(BigInteger.ONE).max(BigInteger.ONE);
        int height = values.size() * (BAR + GAP) + GAP;
        StringBuilder svg = new StringBuilder();
        svg.append(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" aria-describedby=\"chart-desc\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ')
                .append(height).append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" class=\"chart\">");
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        // What a screen reader says of the whole image (role="img"): every bar's label and value.
        svg.append("<desc id=\"chart-desc\">").append(values.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "))).append("</desc>");
        int y = GAP;
        int room = WIDTH - LABEL - VALUE;
        for (Map.Entry<Integer, BigInteger> e : values.entrySet()) {
            int length = e.getValue().multiply(BigInteger.valueOf(room)).divide(max).intValue();
            svg.append("<text x=\"0\" y=\"").append(y + BAR - 9).append("\" class=\"chart-label\">").append(e.getKey()).append("</text>");
            svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"").append(Math.max(length, 1))
                    .append("\" height=\"")
                    .append(BAR).append("\" class=\"chart-bar\"/>");
            svg.append("<text x=\"").append(LABEL + Math.max(length, 1) + 6).append("\" y=\"").append(y + BAR - 9).append("\" class=\"chart-value\">")
                    .append(e.getValue()).append("</text>");
            y += BAR + GAP;
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
