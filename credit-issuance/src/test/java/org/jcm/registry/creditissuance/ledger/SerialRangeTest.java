package org.jcm.registry.creditissuance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SerialRangeTest {

    @Test
    void aSplitKeepsWhatWasNotTakenInOrder() {
        SerialRange block = new SerialRange(1, 178);
        assertThat(block.size()).isEqualTo(178);
        assertThat(block.minus(List.of(block.first(73)))).containsExactly(new SerialRange(74, 178));
        assertThat(block.minus(List.of(new SerialRange(50, 50), new SerialRange(10, 19)))).containsExactly(new SerialRange(1, 9),
                new SerialRange(20, 49),
                new SerialRange(51, 178));
        assertThat(block.minus(List.of(block))).isEmpty();
        assertThat(new SerialRange(5, 9).intersect(new SerialRange(9, 20))).contains(new SerialRange(9, 9));
        assertThat(new SerialRange(5, 9).intersect(new SerialRange(10, 20))).isEmpty();
    }

    @Test
    void aRangeRunsForwardsFromSerialOne() {
        assertThatThrownBy(() -> new SerialRange(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SerialRange(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SerialRange(1, 1_000_000_000L).size()).isEqualTo(1_000_000_000L);
        assertThat(Block.display("BD", "BD002", 2019, new SerialRange(1, 178))).isEqualTo("JCM-BD-BD002-2019-1-178");
    }
}
