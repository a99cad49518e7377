package org.jcm.registry.audit;

import java.util.HexFormat;

/** Lower-case hexadecimal, the form every hash takes in exports, checkpoints and proofs. */
public final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Decodes hex of either case; throws IllegalArgumentException on anything else. */
    public static byte[] unhex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is null");
        }
        return HEX.parseHex(hex);
    }

    /** Whether s is a lower-case hex SHA-256 (64 characters). */
    public static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
