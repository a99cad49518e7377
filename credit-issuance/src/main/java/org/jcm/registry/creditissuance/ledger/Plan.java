package org.jcm.registry.creditissuance.ledger;

import java.util.List;

/**
 * How a selection of credits leaves the sending account: for each block touched, the part that moves (always the lower
 * serials when a quantity is asked for) and the parts it keeps. {@code available} is what the account holds (read only
 * when the plan falls short, -1 otherwise); {@code notHeld} the requested serials it does not hold.
 */
public record Plan(List<Split> splits, long quantity, long available, List<SerialRange> notHeld) {

    public record Split(Block block, List<SerialRange> moved, List<SerialRange> kept) {}

    Plan withAvailable(long held) {
        return new Plan(splits, quantity, held, notHeld);
    }

    public long moving() {
        return splits.stream().flatMap(s -> s.moved().stream()).mapToLong(SerialRange::size).reduce(0, Math::addExact);
    }

    /** Whether the account holds every credit asked for. */
    public boolean complete() {
        return notHeld.isEmpty() && moving() == quantity;
    }
}
