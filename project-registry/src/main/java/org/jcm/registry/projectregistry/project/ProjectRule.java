package org.jcm.registry.projectregistry.project;

import org.jcm.registry.platform.problem.Rule;

/** The rules of the project cycle, monitoring and verification, each with the code a refusal carries. */
public enum ProjectRule implements Rule {

    NO_SUCH_PROJECT("JCM-PRJ-001", "No such project", 404),
    ILLEGAL_TRANSITION("JCM-PRJ-002", "The project's state does not allow this step", 409),
    UNKNOWN_COUNTRY("JCM-PRJ-003", "The host country is not known to this registry", 422),
    COUNTRY_NOT_ACTIVE("JCM-PRJ-004", "The host country is not ACTIVE", 409),
    COUNTRY_SUSPENDED("JCM-PRJ-005", "The host country is suspended: it takes no new projects or registrations", 409),
    METHODOLOGY_NOT_USABLE("JCM-PRJ-006", "The methodology is not an approved, current methodology of the host country", 422),
    TPE_NOT_DESIGNATED("JCM-PRJ-007", "The TPE is not designated for the methodology's sectoral scope in the host country on that date", 422),
    ALLOCATION_NOT_100("JCM-PRJ-008", "The credit allocation percentages must each be 0 to 100 and add up to 100", 422),
    FOCAL_POINT("JCM-PRJ-009", "Exactly one participant must be the focal point", 422),
    INVALID_DOCUMENT("JCM-PRJ-010", "A document reference needs an absolute URI and a SHA-256 as 64 lower-case hex digits", 422),
    INVALID_CREDITING_PERIOD("JCM-PRJ-011", "The crediting period ends before it starts", 422),
    INVALID_CITY_COLLABORATION("JCM-PRJ-012", "A city-to-city collaboration names both a Japanese city and a partner city", 422),
    DATE_IN_FUTURE("JCM-PRJ-013", "The date is in the future", 422),
    DATE_BEFORE_PREVIOUS_STEP("JCM-PRJ-014", "The date is before the project's previous step", 422),
    DECISION_CONFLICT("JCM-PRJ-015", "The step was already recorded with another Joint Committee decision", 409),
    COUNTRY_MISMATCH("JCM-PRJ-016", "The decision names a project of another country", 422),
    REFERENCE_TAKEN("JCM-PRJ-017", "The reference is already taken", 409),
    NO_SUCH_REPORT("JCM-PRJ-020", "No such monitoring report of this project", 404),
    PROJECT_NOT_REGISTERED("JCM-PRJ-021", "Monitoring reports are submitted for REGISTERED projects only", 409),
    PERIOD_OUTSIDE_CREDITING("JCM-PRJ-022", "The monitoring period is not inside the crediting period", 422),
    PERIOD_OVERLAP("JCM-PRJ-023", "The monitoring period overlaps another monitoring period of the project", 409),
    VINTAGES_MISMATCH("JCM-PRJ-024", "Amounts are given once for each calendar year of the period, and add up to the total", 422),
    VERIFIED_EXCEEDS_CLAIM("JCM-PRJ-025", "Verified reductions exceed the reductions claimed", 422),
    ALREADY_VERIFIED("JCM-PRJ-026", "The monitoring report is already verified: correct the verification instead", 409),
    SUPERSEDED("JCM-PRJ-027", "The record was superseded by a correction", 409),
    NEGATIVE_WITH_REDUCTIONS("JCM-PRJ-028", "A negative opinion verifies no reductions", 422),
    INVALID_CORRECTION("JCM-PRJ-029", "A correction restates the same monitoring period as the record it supersedes", 422),
    DUPLICATE_PARTICIPANT("JCM-PRJ-030", "A participant id appears more than once among the project's participants", 422);

    private final Definition definition;

    ProjectRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
