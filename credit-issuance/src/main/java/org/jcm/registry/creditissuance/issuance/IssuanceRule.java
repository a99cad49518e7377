package org.jcm.registry.creditissuance.issuance;

import org.jcm.registry.platform.problem.Rule;

/** The numbered checks of an issuance: its request (0xx) and the Joint Committee's allocation lines. */
public enum IssuanceRule implements Rule {

    NO_SUCH_ISSUANCE("JCM-ISS-001", "No such issuance", 404),
    PROJECT_NOT_REGISTERED("JCM-ISS-002", "The project is not REGISTERED", 422),
    NOT_VERIFIED("JCM-ISS-003", "No positive verification for this monitoring period", 422),
    ALREADY_REQUESTED("JCM-ISS-004", "This project's monitoring period already has an issuance", 409),
    COUNTRY_NOT_ACTIVE("JCM-ISS-005", "The host country is not ACTIVE", 422),
    ALREADY_DECIDED("JCM-ISS-006", "The issuance's decision is already recorded", 409),
    EXCEEDS_VERIFIED("JCM-ISS-007", "The lines of a vintage exceed its verified reductions", 422),
    VINTAGE_NOT_VERIFIED("JCM-ISS-008", "A line's vintage was not verified in this monitoring period", 422),
    REGISTRY_NOT_ACTIVE("JCM-ISS-009", "A line's registry does not exist or is not ACTIVE", 422),
    ACCOUNT_NOT_RECEIVING("JCM-ISS-010", "A line's account does not exist, is not OPEN, not of its registry, or not a holding account", 422),
    NOT_REQUESTED("JCM-ISS-011", "No issuance was requested for this project and monitoring period", 422),
    DUPLICATE_LINE("JCM-ISS-012", "Two lines name the same registry, account and vintage", 422),
    DECISION_DATE("JCM-ISS-013", "The decision's date lies before the verification or after today", 422);

    private final Definition definition;

    IssuanceRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
