package org.jcm.registry.creditissuance.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report: named columns and rows of values, shown as JSON objects or as CSV with the same columns. */
public record Table(List<String> columns, List<List<Object>> rows) {

    /** The rows as JSON objects, one key per column, in column order. */
    public List<Map<String, Object>> objects() {
        return rows.stream().map(row -> {
            Map<String, Object> o = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                o.put(columns.get(i), row.get(i));
            }
            return o;
        }).toList();
    }

    /** RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(columns));
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        out.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
