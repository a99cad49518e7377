package org.jcm.registry.creditissuance;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.creditissuance.account.AccountRule;
import org.jcm.registry.creditissuance.issuance.IssuanceRule;
import org.jcm.registry.platform.problem.ConstraintRules;
import org.jcm.registry.platform.problem.Rule;

/**
 * The invariants the database enforces, by constraint name, with the rule a request breaking them gets: when two
 * requests race past the checks in the code, the database stops the second with the same code.
 */
@ApplicationScoped
public class CreditIssuanceConstraints implements ConstraintRules {

    private static final Map<String, Rule> RULES = Map.of(
            "issuance_one_per_period_uk", IssuanceRule.ALREADY_REQUESTED,
            "account_holder_identifier_uk", AccountRule.HOLDER_HAS_ACCOUNT);

    @Override
    public Map<String, Rule> byConstraintName() {
        return RULES;
    }
}
