package org.jcm.registry.countryonboarding.country;

import org.jcm.registry.platform.problem.Rule;

/** The rules of partner-country onboarding, each with the code a refusal carries. */
public enum CountryRule implements Rule {

    UNKNOWN_ISO_CODE("JCM-CTY-001", "Not an ISO 3166-1 country code", 422),
    ALPHA3_MISMATCH("JCM-CTY-002", "The alpha-3 code is not the alpha-2 code's", 422),
    ALREADY_ONBOARDED("JCM-CTY-003", "The country is already onboarded", 409),
    NO_SUCH_COUNTRY("JCM-CTY-004", "No such partner country", 404),
    ILLEGAL_TRANSITION("JCM-CTY-005", "The country's state does not allow this step", 409),
    DATE_IN_FUTURE("JCM-CTY-006", "The date is in the future", 422),
    DATE_BEFORE_PREVIOUS_STEP("JCM-CTY-007", "The date is before the previous step of the lifecycle", 422),
    JAPAN_IS_FIXED("JCM-CTY-008", "Japan is the fixed counterpart of every partnership", 409),
    INVALID_ARTICLE6_REGISTRY_ID("JCM-CTY-009", "The Article 6 registry id must be the alpha-3 code and two digits", 422),
    REGISTRY_CODE_TAKEN("JCM-CTY-010", "The registry code is used by another country", 409),
    INVALID_REGISTRY_CODE("JCM-CTY-011", "The registry code must be 2 to 8 upper-case letters or digits", 422),
    REASON_REQUIRED("JCM-CTY-012", "A suspension or termination needs a reason", 422),
    INVALID_TPE("JCM-CTY-013", "A TPE needs an id of letters, digits, '.', '_' or '-' (at most 64) and a name", 422),
    INVALID_SECTORAL_SCOPE("JCM-CTY-014", "Sectoral scopes are numbered 1 to 15, and a TPE needs at least one", 422),
    TPE_ALREADY_DESIGNATED("JCM-CTY-015", "The TPE is already designated in this country", 409),
    NO_SUCH_TPE("JCM-CTY-016", "No such TPE designation in this country", 404),
    TPE_ALREADY_WITHDRAWN("JCM-CTY-017", "The TPE designation is already withdrawn", 409),
    WITHDRAWAL_BEFORE_DESIGNATION("JCM-CTY-018", "A TPE cannot be withdrawn before it was designated", 422),
    FIRST_TRANSFER_REQUIRED("JCM-CTY-019", "Authorizing OIMP use needs the first-transfer definition", 422),
    FIRST_TRANSFER_WITHOUT_OIMP("JCM-CTY-020", "A first-transfer definition applies only when OIMP use is authorized", 422),
    PARTNER_MAY_NOT_PUBLISH("JCM-CTY-021", "The partner country may not publish this event in its current state", 409),
    INVALID_QUERY("JCM-CTY-023", "The query parameters are not valid", 400);

    private final Definition definition;

    CountryRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
