package org.jcm.registry.platform;

import java.time.LocalDate;

import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.platform.problem.RuleViolation;

/** The date guards every aggregate's steps share, each refusing with the rule its aggregate names. */
public final class Dates {

    private Dates() {}

    /** A step's date may not lie after today. */
    public static LocalDate requireNotFuture(LocalDate date, LocalDate today, String what, Rule rule) {
        if (date == null) {
            throw new RuleViolation(rule, "the " + what + " is missing");
        }
        if (date.isAfter(today)) {
            throw new RuleViolation(rule, "the " + what + " " + date + " is after today (" + today + ")");
        }
        return date;
    }

    /** A step's date may not precede the date of the step before it (when there is one). */
    public static LocalDate requireNotBefore(LocalDate date, LocalDate previous, String what, String previousWhat, Rule rule) {
        if (previous != null && date.isBefore(previous)) {
            throw new RuleViolation(rule, "the " + what + " " + date + " precedes " + previous + ", when " + previousWhat);
        }
        return date;
    }
}
