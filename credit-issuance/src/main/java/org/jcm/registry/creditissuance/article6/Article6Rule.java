package org.jcm.registry.creditissuance.article6;

import org.jcm.registry.platform.problem.Rule;

/** The Article 6 rules: authorization by the host Party, first transfer exactly once, corresponding adjustments. */
public enum Article6Rule implements Rule {

    USE_NOT_AUTHORIZED("JCM-A6-001", "The country's Article 6 settings do not authorize this use", 422),
    UNITS_NOT_AVAILABLE("JCM-A6-002", "The registry does not hold that many free, unauthorized credits of that scope", 422),
    ALREADY_AUTHORIZED("JCM-A6-003", "Some of these credits are already authorized", 409),
    REFERENCE_TAKEN("JCM-A6-004", "The registry already recorded an authorization under this reference", 409),
    NOT_AUTHORIZED("JCM-A6-005", "Credits move between registries only as ITMOs authorized by the host Party", 422),
    ALREADY_FIRST_TRANSFERRED("JCM-A6-006", "The first transfer of these credits is already recorded", 409),
    NOT_FIRST_TRANSFERRED("JCM-A6-007", "A corresponding adjustment applies only to first-transferred units", 422),
    ALREADY_ADJUSTED("JCM-A6-008", "The corresponding adjustment of these units is already recorded", 409),
    SCOPE("JCM-A6-009", "Name either serial ranges or a project with its vintages and a quantity", 422),
    REGISTRY_EXTERNAL("JCM-A6-010", "The registry is external: its Party records its Article 6 acts in it", 422);

    private final Definition definition;

    Article6Rule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
