package org.jcm.registry.platform.problem;

import java.util.Arrays;
import java.util.Locale;

import org.jcm.registry.platform.Limits;

/** Reads request parameters so that a bad value gets a 400 that names the allowed ones (JAX-RS alone gives a bare 404). */
public final class Params {

    private Params() {}

    public static <E extends Enum<E>> E optionalEnum(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(PlatformRule.INVALID_REQUEST,
                    "'" + value + "' is not a valid " + name + "; use one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A path's id that must be a UUID: anything else names nothing, so it answers {@code rule} (a 404) like an unknown id. */
    public static java.util.UUID uuid(String value, Rule rule, String what) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(rule, "no " + what + " " + value);
        }
    }

    /**
     * An optional instant: ISO-8601 ({@code 2025-03-31T12:00:00Z}) or a date ({@code 2025-03-31}, meaning its start, UTC),
     * between {@link Limits#FIRST_DATE} and {@link Limits#LAST_DATE}.
     */
    public static java.time.Instant optionalInstant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        java.time.Instant instant;
        try {
            instant = value.length() <= 10
                    ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleViolation(PlatformRule.INVALID_REQUEST, "'" + value + "' is not a valid " + name
                    + ": use an ISO-8601 instant (2025-03-31T12:00:00Z) or a date (2025-03-31)");
        }
        inBounds(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate(), name);
        return instant;
    }

    /** An optional date ({@code 2025-03-31}) between {@link Limits#FIRST_DATE} and {@link Limits#LAST_DATE}. */
    public static java.time.LocalDate optionalDate(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return inBounds(java.time.LocalDate.parse(value), name);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleViolation(PlatformRule.INVALID_REQUEST, "'" + value + "' is not a valid " + name + ": use a date such as 2025-03-31");
        }
    }

    private static java.time.LocalDate inBounds(java.time.LocalDate date, String name) {
        if (date.isBefore(Limits.FIRST_DATE) || date.isAfter(Limits.LAST_DATE)) {
            throw new RuleViolation(PlatformRule.INVALID_REQUEST, "the " + name + " " + date + " lies outside " + Limits.FIRST_DATE + ".."
                    + Limits.LAST_DATE);
        }
        return date;
    }
}
