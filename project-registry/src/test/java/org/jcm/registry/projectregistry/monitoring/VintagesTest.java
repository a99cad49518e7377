package org.jcm.registry.projectregistry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jcm.registry.projectregistry.Rules.refused;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.projectregistry.project.ProjectRule;
import org.junit.jupiter.api.Test;

class VintagesTest {

    private static final Period MN = new Period(LocalDate.of(2017, 3, 1), LocalDate.of(2019, 7, 31));

    private static List<VintageAmount> amounts(long a, long b, long c) {
        return List.of(new VintageAmount(2017, a), new VintageAmount(2018, b), new VintageAmount(2019, c));
    }

    @Test
    void aPeriodSpanningYearsIsSplitByCalendarYear() {
        assertThat(Vintages.yearsOf(MN)).containsExactly(2017, 2018, 2019);
        assertThat(Vintages.split(MN, amounts(8000, 9800, 5600), 23400L, "claimed")).containsExactly(Map.entry(2017, 8000L), Map.entry(2018, 9800L),
                Map.entry(2019, 5600L));
        assertThat(Vintages.split(MN, amounts(8000, 9800, 5600), null, "claimed")).hasSize(3);
    }

    @Test
    void amountsCoverEachYearOnceAndAddUp() {
        refused(() -> Vintages.split(MN, List.of(new VintageAmount(2017, 1), new VintageAmount(2018, 1)), null, "claimed"),
                ProjectRule.VINTAGES_MISMATCH);
        refused(() -> Vintages.split(MN, List.of(new VintageAmount(2017, 1), new VintageAmount(2018, 1), new VintageAmount(2020, 1)), null,
                "claimed"),
                ProjectRule.VINTAGES_MISMATCH);
        refused(() -> Vintages.split(MN, List.of(new VintageAmount(2017, 1), new VintageAmount(2017, 1), new VintageAmount(2018, 1),
                new VintageAmount(2019, 1)), null, "claimed"), ProjectRule.VINTAGES_MISMATCH);
        refused(() -> Vintages.split(MN, amounts(1, 1, 1), 4L, "claimed"), ProjectRule.VINTAGES_MISMATCH);
        refused(() -> Vintages.split(MN, amounts(1, -1, 1), null, "claimed"), ProjectRule.VINTAGES_MISMATCH);
        refused(() -> Vintages.split(MN, List.of(), 3L, "claimed"), ProjectRule.VINTAGES_MISMATCH);
    }

    /** Quantities are summed exactly and bounded: claims that would wrap a long to a small total are refused. */
    @Test
    void quantitiesThatWouldWrapALongAreRefused() {
        refused(() -> Vintages.split(MN, amounts(Long.MAX_VALUE, Long.MAX_VALUE, 2), null, "claimed"), PlatformRule.QUANTITY_OUT_OF_RANGE);
        refused(() -> Vintages.split(MN, amounts(Long.MAX_VALUE, Long.MAX_VALUE, 2), 0L, "claimed"), PlatformRule.QUANTITY_OUT_OF_RANGE);
        refused(() -> Vintages.split(MN, amounts(1_000_000_000_001L, 1, 1), null, "claimed"), PlatformRule.QUANTITY_OUT_OF_RANGE);
        assertThat(Vintages.total(Vintages.split(MN, amounts(1_000_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000L), null, "claimed")))
                .isEqualTo(3_000_000_000_000L);
    }

    @Test
    void aPeriodWithinOneYearMayGiveOnlyItsTotal() {
        Period y2018 = new Period(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 12, 31));
        assertThat(Vintages.split(y2018, null, 900L, "claimed")).containsExactly(Map.entry(2018, 900L));
    }

    @Test
    void verifiedNeverExceedsTheClaimPerVintageOrInTotal() {
        Map<Integer, Long> claimed = Vintages.split(MN, amounts(8000, 9800, 5600), null, "claimed");
        Vintages.requireWithinClaim(Vintages.split(MN, amounts(7900, 9750, 5550), null, "verified"), claimed);
        Vintages.requireWithinClaim(claimed, claimed);
        refused(() -> Vintages.requireWithinClaim(Vintages.split(MN, amounts(8001, 9000, 5000), null, "verified"), claimed),
                ProjectRule.VERIFIED_EXCEEDS_CLAIM);
    }
}
