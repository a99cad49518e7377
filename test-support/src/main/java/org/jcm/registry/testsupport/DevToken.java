package org.jcm.registry.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Mints a development token from the launcher's own issuer (its key pair under {@code .jcm-local/jwt/}), for one role:
 *
 * <pre>
 *   deploy/token.sh operator                      # the Japan-side operator of everything
 *   deploy/token.sh operator --country TH         # an operator bound to Thailand's registry
 *   deploy/token.sh partner --country TH          # Thailand's partner system
 *   deploy/token.sh participant --participant PP-TH-0001
 *   deploy/token.sh auditor --minutes 60
 * </pre>
 *
 * Prints the token alone, for {@code TOKEN=$(deploy/token.sh operator)}. Tokens live 15 minutes unless told otherwise (at
 * most 12 hours).
 */
public final class DevToken {

    /** The issuer the launcher's services trust. */
    public static final String ISSUER = "urn:jcm:local-dev";

    private DevToken() {}

    public static void main(String[] args) {
        if (args.length == 0 || !List.of("operator", "partner", "participant", "auditor").contains(args[0])) {
            usage("the first argument is the role: operator, partner, participant or auditor");
        }
        String role = args[0];
        String country = null;
        String participant = null;
        String subject = null;
        long minutes = 15;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--country" -> country = required(value, "--country");
                case "--participant" -> participant = required(value, "--participant");
                case "--subject" -> subject = required(value, "--subject");
                case "--minutes" -> minutes = Long.parseLong(required(value, "--minutes"));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (role.equals("partner") && country == null) {
            usage("a partner speaks for one country: --country CC");
        }
        if (role.equals("participant") && participant == null) {
            usage("a participant acts for one participant organisation: --participant ID");
        }
        if (minutes < 1 || minutes > 720) {
            usage("--minutes is between 1 and 720");
        }
        Path home = Path.of(System.getProperty("jcm.repo", ".")).resolve(".jcm-local").resolve("jwt");
        if (!Files.exists(home.resolve("jwt-private.pem"))) {
            usage("no key pair under " + home + ": start the registry once with deploy/run-local.sh");
        }
        if (subject == null) {
            subject = role + (country != null ? "-" + country.toLowerCase() : "") + (participant != null ? "-" + participant.toLowerCase() : "");
        }
        System.out.println(Tokens.issuer(home.resolve("jwt-private.pem"), ISSUER).token(subject, List.of(role), country, participant,
                Duration.ofMinutes(minutes)));
    }

    private static String required(String value, String option) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("token: " + problem);
        System.err.println(
                "usage: deploy/token.sh operator|partner|participant|auditor [--country CC] [--participant ID] [--subject NAME] [--minutes N]");
        System.exit(2);
    }
}
