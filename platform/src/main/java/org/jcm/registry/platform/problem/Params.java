package org.jcm.registry.platform.problem;

import java.util.Arrays;
import java.util.Locale;

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
}
