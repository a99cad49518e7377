package org.jcm.registry.creditissuance.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jcm.registry.creditissuance.ledger.Selection;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.platform.problem.RuleViolation;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void aRequestNamesEitherAQuantityOrRangesThatRunForwardsAndDoNotOverlap() {
        assertThat(Units.selection(5L, null)).isEqualTo(new Selection.Quantity(5));
        assertThat(((Selection.Ranges) Units.selection(null, List.of(new Units.Range(20, 29), new Units.Range(1, 5)))).ranges())
                .containsExactly(new SerialRange(1, 5), new SerialRange(20, 29));
        assertThat(code(() -> Units.selection(null, null))).isEqualTo("JCM-LED-304");
        assertThat(code(() -> Units.selection(5L, List.of(new Units.Range(1, 5))))).isEqualTo("JCM-LED-304");
        assertThat(code(() -> Units.selection(null, List.of(new Units.Range(5, 1))))).isEqualTo("JCM-LED-303");
        assertThat(code(() -> Units.selection(null, List.of(new Units.Range(1, 5), new Units.Range(5, 9))))).isEqualTo("JCM-LED-303");
        assertThat(code(() -> Units.selection(null, List.of(new Units.Range(1, Long.MAX_VALUE - 1), new Units.Range(Long.MAX_VALUE - 1,
                Long.MAX_VALUE - 1))))).isEqualTo("JCM-LED-303");
    }

    private static String code(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(RuleViolation.class);
        try {
            r.run();
            return null;
        } catch (RuleViolation v) {
            return v.rule().code();
        }
    }
}
