package org.jcm.registry.creditissuance.ledger;

import java.util.List;

/** Which credits of the sending account move: a quantity (the registry picks) or explicit serial ranges. */
public sealed interface Selection {

    /** {@code quantity} credits, oldest vintage first, then lowest serial. */
    record Quantity(long quantity) implements Selection {}

    /**
     * Exactly these serials (sorted, disjoint) of issuing registry {@code registry} (null: the sending account's own), which
     * the sending account must hold: an account may hold credits of several issuing registries, whose serials repeat.
     */
    record Ranges(String registry, List<SerialRange> ranges) implements Selection {

        public Ranges {
            ranges = ranges.stream().sorted().toList();
        }

        public long quantity() {
            return ranges.stream().mapToLong(SerialRange::size).reduce(0, Math::addExact);
        }
    }
}
