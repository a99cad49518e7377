package org.jcm.registry.platform;

import java.time.LocalDate;

import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The bounds every value a caller or a partner system sends must keep, checked where it enters (JSON binding, request
 * parameters) and where the domain sums or stores it. A bound here is a promise the OpenAPI document repeats.
 */
public final class Limits {

    /** The first and last day the registry records anything for: UNFCCC base year to well past any crediting period. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1990, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(2199, 12, 31);

    /** Tonnes in one quantity: 10^12 t, twenty times the world's yearly emissions. Sums of such stay far below 2^63. */
    public static final long MAX_TONNES = 1_000_000_000_000L;

    /** Lengths of texts a caller sends. */
    public static final int CODE = 64;
    public static final int NAME = 300;
    public static final int REFERENCE = 200;
    public static final int TEXT = 2000;
    public static final int URI = 2000;

    /** Items in any list a caller sends. */
    public static final int ITEMS = 100;

    private Limits() {}

    /** A date the registry can record: refused with {@code JCM-REQ-014} outside {@link #FIRST_DATE}..{@link #LAST_DATE}. */
    public static LocalDate requireDate(LocalDate date, String what) {
        if (date != null && (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE))) {
            throw new RuleViolation(PlatformRule.DATE_OUT_OF_RANGE,
                    "the " + what + " " + date + " is not between " + FIRST_DATE + " and " + LAST_DATE);
        }
        return date;
    }

    /** A quantity of tonnes from 0 to {@link #MAX_TONNES}, refused with {@code JCM-REQ-013} otherwise. */
    public static long requireTonnes(long tonnes, String what) {
        if (tonnes < 0 || tonnes > MAX_TONNES) {
            throw new RuleViolation(PlatformRule.QUANTITY_OUT_OF_RANGE, what + " of " + tonnes + " t is not between 0 and " + MAX_TONNES + " t");
        }
        return tonnes;
    }

    /** The exact sum of quantities that each keep {@link #requireTonnes}; a sum past 2^63 cannot happen silently. */
    public static long sumTonnes(Iterable<Long> quantities, String what) {
        long sum = 0;
        for (Long q : quantities) {
            try {
                sum = Math.addExact(sum, requireTonnes(q, what));
            } catch (ArithmeticException e) {
                throw new RuleViolation(PlatformRule.QUANTITY_OUT_OF_RANGE, what + " add up to more than 2^63 t");
            }
        }
        return sum;
    }
}
