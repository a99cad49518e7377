package org.jcm.registry.projectregistry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.platform.problem.RuleViolation;

/** Asserts that a step is refused under a given rule. */
public final class Rules {

    private Rules() {}

    public static void refused(Runnable step, Rule rule) {
        assertThatThrownBy(step::run).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("rule", rule);
    }
}
