package org.jcm.registry.platform.problem;

/** A request or message broke a named rule. Carries the rule and a message a person can act on. */
public class RuleViolation extends RuntimeException {

    private final transient Rule rule;

    public RuleViolation(Rule rule, String detail) {
        super(detail);
        this.rule = java.util.Objects.requireNonNull(rule, "a rule violation names its rule");
    }

    public Rule rule() {
        return rule;
    }

    public String detail() {
        return getMessage();
    }

    /** {@code CODE title: detail}, the form used as a dead-letter reason. */
    public String reason() {
        return rule.code() + " " + rule.title() + ": " + getMessage();
    }
}
