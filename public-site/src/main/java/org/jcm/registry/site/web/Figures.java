package org.jcm.registry.site.web;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Exact sums of a report's figures, whatever size JSON gave them. */
public final class Figures {

    private Figures() {}

    public static BigInteger of(Object value) {
        if (value == null) {
            return BigInteger.ZERO;
        }
        try {
            return new BigInteger(value.toString());
        } catch (NumberFormatException e) {
            throw new SiteProblem(502, "JCM-SYS-002", "Service unavailable", "A report's figure is not a whole number: " + value);
        }
    }

    /** The sum of {@code column} over the rows that {@code which} accepts. */
    public static BigInteger sum(List<Map<String, Object>> rows, String column, Predicate<Map<String, Object>> which) {
        return rows.stream().filter(which).map(r -> of(r.get(column))).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
