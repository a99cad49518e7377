package org.jcm.registry.platform.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A public report or list: named columns and rows of values, answered as JSON objects or, with {@code format=csv}, as CSV
 * with the same columns (a header row, CRLF line ends, RFC 4180 quoting), so that a table on the public pages and its
 * download are one source.
 */
public record Table(List<String> columns, List<List<Object>> rows) {

    /**
     * A row of these values, any of which may be null (an empty field); instants and dates as their ISO-8601 text, so that
     * JSON and CSV show the same.
     */
    public static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(v instanceof Instant || v instanceof LocalDate ? v.toString() : v);
        }
        return row;
    }

    /** The media type of the CSV form. */
    public static final String CSV = "text/csv";

    /** The answer to a request for this table: CSV, as a download named {@code name}.csv, if {@code format} is csv; else JSON. */
    public Response answer(String format, String name) {
        if ("csv".equals(format)) {
            return Response.ok(csv(), CSV + "; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
        }
        return Response.ok(objects(), MediaType.APPLICATION_JSON).build();
    }

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
