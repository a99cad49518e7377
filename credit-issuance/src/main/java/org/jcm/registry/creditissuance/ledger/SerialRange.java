package org.jcm.registry.creditissuance.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Consecutive serials {@code start..end}, both included, of one registry. */
public record SerialRange(long start, long end) implements Comparable<SerialRange> {

    public SerialRange {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("A serial range runs from a serial >= 1 to one not below it: " + start + "-" + end);
        }
    }

    public long size() {
        return end - start + 1;
    }

    public boolean contains(long serial) {
        return start <= serial && serial <= end;
    }

    public Optional<SerialRange> intersect(SerialRange other) {
        long s = Math.max(start, other.start);
        long e = Math.min(end, other.end);
        return s <= e ? Optional.of(new SerialRange(s, e)) : Optional.empty();
    }

    /** What is left of this range without {@code taken} (sorted, disjoint, all inside this range): the gaps between them. */
    public List<SerialRange> minus(List<SerialRange> taken) {
        List<SerialRange> left = new ArrayList<>();
        long next = start;
        for (SerialRange t : taken.stream().sorted().toList()) {
            if (t.start > next) {
                left.add(new SerialRange(next, t.start - 1));
            }
            next = Math.max(next, t.end + 1);
        }
        if (next <= end) {
            left.add(new SerialRange(next, end));
        }
        return left;
    }

    /** The first {@code n} serials of this range. */
    public SerialRange first(long n) {
        return new SerialRange(start, start + n - 1);
    }

    @Override
    public int compareTo(SerialRange o) {
        return Comparator.comparingLong(SerialRange::start).thenComparingLong(SerialRange::end).compare(this, o);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
