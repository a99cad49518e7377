package org.jcm.registry.creditissuance.transfer;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.jcm.registry.creditissuance.ledger.LedgerRule;
import org.jcm.registry.creditissuance.ledger.Selection;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.platform.problem.RuleViolation;

/** Which credits a request moves, as the caller names them: a quantity, or serial ranges (both ends included). */
public final class Units {

    private Units() {}

    /**
     * Serials {@code start..end} of issuing registry {@code registry} (if absent, the sending account's registry: an
     * account holding credits received from another registry names that registry for them).
     */
    public record Range(@Size(max = 8) String registry, @Min(1) @Max(Long.MAX_VALUE - 1) long start, @Min(1) @Max(Long.MAX_VALUE - 1) long end) {

        public Range(long start, long end) {
            this(null, start, end);
        }
    }

    /** LED-304: exactly one of quantity and ranges; LED-303: ranges that run forwards and do not overlap. */
    public static Selection selection(Long quantity, List<Range> ranges) {
        boolean byRanges = ranges != null && !ranges.isEmpty();
        if ((quantity == null) == !byRanges) {
            throw new RuleViolation(LedgerRule.QUANTITY_OR_RANGES, "name either `quantity` or `ranges`, not both and not neither");
        }
        if (!byRanges) {
            return new Selection.Quantity(quantity);
        }
        List<SerialRange> parsed = new ArrayList<>();
        String registry = ranges.get(0).registry();
        for (Range r : ranges) {
            if (!java.util.Objects.equals(registry, r.registry())) {
                throw new RuleViolation(LedgerRule.RANGES_INVALID, "one request moves serials of one issuing registry: " + registry + " and "
                        + r.registry() + " were named");
            }
            if (r.end() < r.start()) {
                throw new RuleViolation(LedgerRule.RANGES_INVALID, "the range " + r.start() + "-" + r.end() + " runs backwards");
            }
            parsed.add(new SerialRange(r.start(), r.end()));
        }
        Selection.Ranges selection = new Selection.Ranges(registry, parsed);
        for (int i = 1; i < selection.ranges().size(); i++) {
            if (selection.ranges().get(i).start() <= selection.ranges().get(i - 1).end()) {
                throw new RuleViolation(LedgerRule.RANGES_INVALID, "the ranges " + selection.ranges().get(i - 1) + " and " + selection.ranges().get(i)
                        + " overlap");
            }
        }
        try {
            selection.quantity();
        } catch (ArithmeticException e) {
            throw new RuleViolation(LedgerRule.RANGES_INVALID, "the ranges name more credits than can be counted");
        }
        return selection;
    }
}
