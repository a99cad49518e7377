package org.jcm.registry.creditissuance.registry;

import org.jcm.registry.platform.problem.Rule;

public enum RegistryRule implements Rule {
    NO_SUCH_REGISTRY("JCM-REG-001", "No such registry", 404),
    NO_SUCH_ACCOUNT("JCM-REG-002", "No such account", 404);

    private final String code;
    private final String title;
    private final int status;

    RegistryRule(String code, String title, int status) {
        this.code = code;
        this.title = title;
        this.status = status;
    }

    @Override
    public String code() { return code; }

    @Override
    public String title() { return title; }

    @Override
    public int status() { return status; }
}
