package org.jcm.registry.projectregistry.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.problem.RuleViolation;
import org.junit.jupiter.api.Test;

class MethodologyTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 1, 1);
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            java.time.ZoneOffset.UTC);

    private static Methodology proposed() {
        return Methodology.propose(UUID.randomUUID(), "MN", "Solar PV", 1, LocalDate.of(2014, 1, 1), CLOCK);
    }

    private static JcDecision jc(String ref, int year) {
        return new JcDecision(ref, LocalDate.of(year, 6, 1));
    }

    @Test
    void approvalNumbersTheMethodologyOnlyWhenTheStepIsAllowed() {
        Methodology m = proposed();
        m.approve(jc("JC-1", 2014), CLOCK, () -> "MN_AM003");
        assertThat(m.snapshot().reference()).isEqualTo("MN_AM003");
        assertThat(m.snapshot().state()).isEqualTo(MethodologyState.APPROVED);
        assertThat(m.snapshot().approval()).isEqualTo(jc("JC-1", 2014));
        assertThat(m.snapshot().revision()).isEqualTo(2);
        assertThatThrownBy(() -> m.approve(jc("JC-2", 2015), CLOCK, () -> {
            throw new AssertionError("no number may be taken for a refused approval");
        })).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("rule", MethodologyRule.ILLEGAL_TRANSITION);
    }

    @Test
    void revisionMakesANewVersionAndKeepsTheReference() {
        Methodology m = proposed();
        m.approve(jc("JC-1", 2014), CLOCK, () -> "MN_AM001");
        m.revise("Solar PV v2", jc("JC-2", 2016), CLOCK);
        assertThat(m.snapshot()).extracting("version", "reference", "title", "state").containsExactly(2, "MN_AM001", "Solar PV v2",
                MethodologyState.APPROVED);
        assertThatThrownBy(() -> m.revise(null, jc("JC-3", 2015), CLOCK)).hasFieldOrPropertyWithValue("rule",
                MethodologyRule.DATE_BEFORE_PREVIOUS_STEP);
    }

    @Test
    void withdrawnAndRejectedMethodologiesTakeNoNewProjects() {
        Methodology m = proposed();
        m.approve(jc("JC-1", 2014), CLOCK, () -> "MN_AM001");
        assertThat(m.takesNewProjects()).isTrue();
        m.withdraw(jc("JC-2", 2018), CLOCK);
        assertThat(m.takesNewProjects()).isFalse();
        assertThatThrownBy(() -> m.revise(null, jc("JC-3", 2019), CLOCK)).hasFieldOrPropertyWithValue("rule", MethodologyRule.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> m.withdraw(jc("JC-3", 2019), CLOCK)).hasFieldOrPropertyWithValue("rule", MethodologyRule.ILLEGAL_TRANSITION);

        Methodology r = proposed();
        r.reject(jc("JC-R", 2014), CLOCK);
        assertThat(r.takesNewProjects()).isFalse();
        assertThat(r.snapshot().reference()).isNull();
        assertThatThrownBy(() -> r.approve(jc("JC-A", 2015), CLOCK, () -> "MN_AM009")).hasFieldOrPropertyWithValue("rule",
                MethodologyRule.ILLEGAL_TRANSITION);
    }

    @Test
    void refusesScopesOutsideOneToFifteenAndFutureDates() {
        assertThatThrownBy(() -> Methodology.propose(UUID.randomUUID(), "MN", "x", 0, TODAY, CLOCK))
                .hasFieldOrPropertyWithValue("rule", MethodologyRule.INVALID_SECTORAL_SCOPE);
        assertThatThrownBy(() -> Methodology.propose(UUID.randomUUID(), "MN", "x", 16, TODAY, CLOCK))
                .hasFieldOrPropertyWithValue("rule", MethodologyRule.INVALID_SECTORAL_SCOPE);
        assertThatThrownBy(() -> proposed().approve(new JcDecision("JC", TODAY.plusDays(1)), CLOCK, () -> "MN_AM001"))
                .hasFieldOrPropertyWithValue("rule", MethodologyRule.DATE_IN_FUTURE);
    }
}
