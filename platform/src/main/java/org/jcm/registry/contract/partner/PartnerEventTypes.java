package org.jcm.registry.contract.partner;

import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of events partner-country systems publish on {@code jcm.partner.{cc}.inbound.v1}, and which
 * service applies each. Every service reads every partner topic; it applies the types it owns, passes over the
 * types another service owns, and dead-letters a type no service knows. Every body carries {@code country},
 * which must be the topic's country.
 */
public final class PartnerEventTypes {

    public static final String COUNTRY_ONBOARDING = "country-onboarding";
    public static final String PROJECT_REGISTRY = "project-registry";
    public static final String CREDIT_ISSUANCE = "credit-issuance";

    /** Event type (CloudEvents {@code type}) to the service that applies it. */
    public static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("JointCommitteeEstablishmentNotified", COUNTRY_ONBOARDING),
            Map.entry("TpeDesignationNotified", COUNTRY_ONBOARDING),
            Map.entry("TpeWithdrawalNotified", COUNTRY_ONBOARDING),
            Map.entry("ProjectNoObjectionNotified", PROJECT_REGISTRY),
            Map.entry("ProjectRegistrationNotified", PROJECT_REGISTRY),
            Map.entry("IssuanceNotified", CREDIT_ISSUANCE),
            Map.entry("CreditsAuthorized", CREDIT_ISSUANCE),
            Map.entry("ExternalTransferProposed", CREDIT_ISSUANCE),
            Map.entry("ExternalTransferAnswered", CREDIT_ISSUANCE));

    private PartnerEventTypes() {}

    public static Optional<String> ownerOf(String type) {
        return Optional.ofNullable(OWNER.get(type));
    }
}
