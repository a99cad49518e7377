package org.jcm.registry.creditissuance.account;

import org.jcm.registry.platform.problem.Rule;

public enum AccountRule implements Rule {

    NO_SUCH_ACCOUNT("JCM-ACC-001", "No such account", 404),
    HOLDS_CREDITS("JCM-ACC-002", "The account holds credits", 409),
    TRANSITION_NOT_ALLOWED("JCM-ACC-003", "The account cannot make this change from its state", 409),
    REGISTRY_ACCOUNT("JCM-ACC-004", "The registry's own accounts stay OPEN", 409),
    HOLDER_HAS_ACCOUNT("JCM-ACC-005", "The legal entity already has an account in this registry", 409),
    REGISTRY_NOT_ACTIVE("JCM-ACC-006", "The registry is not ACTIVE", 409);

    private final Definition definition;

    AccountRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
