package org.jcm.registry.contract.partner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jcm.registry.contract.EventTypes;

/**
 * The catalogue of events partner-country systems publish on {@code jcm.partner.{cc}.inbound.v1}, and which service
 * applies each: the records of each service's sealed partner event interface. Every service reads every partner topic; it applies the types it owns, passes over
 * the types another service owns, and dead-letters a type no service knows. Every body carries {@code country}, which
 * must be the topic's country.
 */
public final class PartnerEventTypes {

    public static final String COUNTRY_ONBOARDING = "country-onboarding";
    public static final String PROJECT_REGISTRY = "project-registry";
    public static final String CREDIT_ISSUANCE = "credit-issuance";

    /**
     * The service that dead-letters and answers what is on a partner topic but no service can read (not a CloudEvent, or a
     * type no service applies): exactly one service does, never two.
     */
    public static final String UNREADABLE_OWNER = COUNTRY_ONBOARDING;

    /** Event type (CloudEvents {@code type}) to the service that applies it. */
    public static final Map<String, String> OWNER = owners();

    private PartnerEventTypes() {}

    public static Optional<String> ownerOf(String type) {
        return Optional.ofNullable(OWNER.get(type));
    }

    private static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Class<?> sealed : List.of(CountryPartnerEvent.class, ProjectPartnerEvent.class, CreditPartnerEvent.class)) {
            String owner = EventTypes.topicOf(sealed).owner();
            EventTypes.of(sealed).keySet().forEach(type -> owners.put(type, owner));
        }
        return Map.copyOf(owners);
    }
}
