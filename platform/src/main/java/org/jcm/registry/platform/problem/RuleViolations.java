package org.jcm.registry.platform.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request or message that broke several rules at once. It answers with the first rule's code and status, and lists
 * every violation ({@code violations: [{code, detail}]} in the problem).
 */
public class RuleViolations extends RuleViolation {

    private final transient List<RuleViolation> violations;

    public RuleViolations(List<RuleViolation> violations) {
        super(violations.get(0).rule(), violations.size() + " rules are broken: "
                + violations.stream().map(v -> v.rule().code() + " " + v.detail()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<RuleViolation> violations() {
        return violations;
    }
}
