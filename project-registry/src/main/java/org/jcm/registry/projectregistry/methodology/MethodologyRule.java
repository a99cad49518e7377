package org.jcm.registry.projectregistry.methodology;

import org.jcm.registry.platform.problem.Rule;

/** The rules of the methodology catalogue, each with the code a refusal carries. */
public enum MethodologyRule implements Rule {

    NO_SUCH_METHODOLOGY("JCM-MTH-001", "No such methodology", 404),
    ILLEGAL_TRANSITION("JCM-MTH-002", "The methodology's state does not allow this step", 409),
    UNKNOWN_COUNTRY("JCM-MTH-003", "The country is not known to this registry", 422),
    COUNTRY_WITHOUT_JOINT_COMMITTEE("JCM-MTH-004", "The country has no Joint Committee that could approve methodologies", 409),
    INVALID_SECTORAL_SCOPE("JCM-MTH-005", "The sectoral scope must be 1 to 15", 422),
    DATE_IN_FUTURE("JCM-MTH-006", "The date is in the future", 422),
    DATE_BEFORE_PREVIOUS_STEP("JCM-MTH-007", "The date is before the methodology's previous step", 422),
    REFERENCE_TAKEN("JCM-MTH-008", "The methodology reference is already taken", 409);

    private final Definition definition;

    MethodologyRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
