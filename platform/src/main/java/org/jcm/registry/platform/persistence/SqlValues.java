package org.jcm.registry.platform.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reads the values of a native query's row, whichever Java type the driver and Hibernate chose for them. */
public final class SqlValues {

    private SqlValues() {}

    /** A {@code timestamptz} column: Instant, OffsetDateTime or Timestamp, or null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Not a timestamp: " + value.getClass());
    }

    /** A {@code date} column: LocalDate or java.sql.Date, or null. */
    public static LocalDate date(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return (LocalDate) value;
    }
}
