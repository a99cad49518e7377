package org.jcm.registry.creditissuance.registry;

import org.jcm.registry.platform.problem.Rule;

public enum RegistryRule implements Rule {

    NO_SUCH_REGISTRY("JCM-REG-001", "No such registry", 404);

    private final Definition definition;

    RegistryRule(String code, String title, int status) {
        this.definition = new Definition(code, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
