package org.jcm.registry.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kafka topics of the registry: one per aggregate, written only by its owner, versioned in the name. */
public final class Topics {

    public static final String COUNTRIES = "jcm.country-onboarding.countries.v1";
    public static final String PROJECTS = "jcm.project-registry.projects.v1";
    public static final String METHODOLOGIES = "jcm.project-registry.methodologies.v1";
    public static final String TRANSACTIONS = "jcm.credit-issuance.transactions.v1";
    /** Registries and their accounts (opened, blocked, closed), keyed by registry code. */
    public static final String ACCOUNTS = "jcm.credit-issuance.accounts.v1";

    /** Subscription pattern for every partner-country system's inbound topic. */
    public static final String PARTNER_INBOUND_PATTERN = "jcm\\.partner\\.[a-z]{2}\\.inbound\\.v1";

    /** Every partner-country system's outbound topic: what the registry tells it. */
    public static final String PARTNER_OUTBOUND_PATTERN = "jcm\\.partner\\.[a-z]{2}\\.outbound\\.v1";

    private static final Pattern PARTNER_INBOUND = Pattern.compile("jcm\\.partner\\.([a-z]{2})\\.inbound\\.v1");

    private Topics() {}

    public static String partnerInbound(String countryCode) {
        return "jcm.partner." + countryCode.toLowerCase(Locale.ROOT) + ".inbound.v1";
    }

    public static String partnerOutbound(String countryCode) {
        return "jcm.partner." + countryCode.toLowerCase(Locale.ROOT) + ".outbound.v1";
    }

    /** A service's signed checkpoints of its event log (also copied onto every ACTIVE partner's outbound topic). */
    public static String checkpoints(String serviceName) {
        return "jcm." + serviceName + ".checkpoints.v1";
    }

    public static String deadLetter(String serviceName) {
        return "jcm." + serviceName + ".dead-letter.v1";
    }

    /** The upper-case country code a partner inbound topic belongs to, if it is one. */
    public static Optional<String> partnerOfInboundTopic(String topic) {
        Matcher m = PARTNER_INBOUND.matcher(topic);
        return m.matches() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
