package org.jcm.registry.site.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A table of a page: a caption, column headers and rows of cells, and the link to download the same rows as CSV from the
 * service that made them. Built from a report's rows (JSON objects, one key per column) as they came.
 */
public record TableView(String id, String caption, List<String> headers, List<List<Cell>> rows, String csvHref, String empty) {

    /** A cell: its text, a link if it leads somewhere, and whether it is a number (aligned right). */
    public record Cell(String text, String href, boolean numeric) {}

    /**
     * The rows' columns in order (those of the first row; {@code columns} if there is none), each header the column's name
     * in words; {@code link} gives a cell's link from its column and row, or null.
     */
    public static TableView of(String id, String caption, List<String> columns, List<Map<String, Object>> rows, String csvHref, String empty,
            BiFunction<String, Map<String, Object>, String> link) {
        Set<String> keys = new LinkedHashSet<>(columns);
        if (!rows.isEmpty()) {
            keys = new LinkedHashSet<>(rows.get(0).keySet());
        }
        List<String> cols = List.copyOf(keys);
        List<List<Cell>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Cell> line = new ArrayList<>();
            for (String c : cols) {
                Object v = row.get(c);
                line.add(new Cell(text(v), v == null ? null : link.apply(c, row), v instanceof Number));
            }
            cells.add(line);
        }
        return new TableView(id, caption, cols.stream().map(TableView::words).toList(), cells, csvHref, empty);
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(TableView::text).toList());
        }
        return v.toString();
    }

    /** {@code accountType} → "Account type", {@code firstITMO} → "First ITMO". */
    public static String words(String column) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < column.length(); i++) {
            char ch = column.charAt(i);
            boolean upper = Character.isUpperCase(ch);
            boolean startsWord = upper && i > 0 && (!Character.isUpperCase(column.charAt(i - 1))
                    || (i + 1 < column.length() && Character.isLowerCase(column.charAt(i + 1))));
            if (startsWord) {
                out.append(' ');
            }
            out.append(i == 0
                    ? Character.toUpperCase(ch)
                    : startsWord && i + 1 < column.length() && Character.isLowerCase(column.charAt(i + 1))
                            ? Character.toLowerCase(ch)
                            : ch);
        }
        return out.toString();
    }
}
