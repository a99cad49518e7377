package org.jcm.registry.projectregistry.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.Limits;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.projectregistry.project.ProjectRule;

/**
 * Reductions are recorded per calendar year (the Article 6 vintage): a period that spans years is split by year,
 * one amount for each year the period touches, and the amounts add up to the total.
 */
public final class Vintages {

    private Vintages() {}

    public static List<Integer> yearsOf(Period period) {
        List<Integer> years = new ArrayList<>();
        for (int y = period.start().getYear(); y <= period.end().getYear(); y++) {
            years.add(y);
        }
        return years;
    }

    /**
     * Checks amounts given for a period and returns them by vintage. A period within one year may give only the
     * total; otherwise each year of the period needs exactly one amount, and a total, if given, must be their sum.
     */
    public static Map<Integer, Long> split(Period period, List<VintageAmount> amounts, Long declaredTotal, String what) {
        List<Integer> years = yearsOf(period);
        Map<Integer, Long> byYear = new TreeMap<>();
        if ((amounts == null || amounts.isEmpty()) && years.size() == 1 && declaredTotal != null) {
            amounts = List.of(new VintageAmount(years.get(0), declaredTotal));
        }
        if (amounts == null || amounts.isEmpty()) {
            throw new RuleViolation(ProjectRule.VINTAGES_MISMATCH, "no " + what + " given; the period " + period.start() + " to " + period.end()
                    + " needs one amount for each of " + years);
        }
        for (VintageAmount a : amounts) {
            if (a.tonnes() < 0) {
                throw new RuleViolation(ProjectRule.VINTAGES_MISMATCH, what + " for " + a.vintage() + " is negative");
            }
            Limits.requireTonnes(a.tonnes(), what + " for " + a.vintage());
            if (byYear.put(a.vintage(), a.tonnes()) != null) {
                throw new RuleViolation(ProjectRule.VINTAGES_MISMATCH, what + " for " + a.vintage() + " is given twice");
            }
        }
        if (!byYear.keySet().equals(new java.util.TreeSet<>(years))) {
            throw new RuleViolation(ProjectRule.VINTAGES_MISMATCH, what + " are given for " + byYear.keySet() + " but the period " + period.start()
                    + " to " + period.end() + " spans " + years);
        }
        long sum = total(byYear);
        if (declaredTotal != null && declaredTotal != sum) {
            throw new RuleViolation(ProjectRule.VINTAGES_MISMATCH, what + " per vintage add up to " + sum + ", not to the total " + declaredTotal);
        }
        return byYear;
    }

    /** Verified reductions never exceed the claim, per vintage and in total. */
    public static void requireWithinClaim(Map<Integer, Long> verified, Map<Integer, Long> claimed) {
        for (Map.Entry<Integer, Long> v : verified.entrySet()) {
            long claim = claimed.getOrDefault(v.getKey(), 0L);
            if (v.getValue() > claim) {
                throw new RuleViolation(ProjectRule.VERIFIED_EXCEEDS_CLAIM, v.getValue() + " t verified for " + v.getKey() + " exceed the " + claim
                        + " t claimed");
            }
        }
        if (total(verified) > total(claimed)) {
            throw new RuleViolation(ProjectRule.VERIFIED_EXCEEDS_CLAIM, total(verified) + " t verified exceed the " + total(claimed) + " t claimed");
        }
    }

    /** The exact total (each amount is at most 10^12 t, so a total of one period's vintages cannot wrap). */
    public static long total(Map<Integer, Long> byYear) {
        return Limits.sumTonnes(byYear.values(), "amounts");
    }

    public static List<VintageAmount> asList(Map<Integer, Long> byYear) {
        return byYear.entrySet().stream().map(e -> new VintageAmount(e.getKey(), e.getValue())).toList();
    }
}
