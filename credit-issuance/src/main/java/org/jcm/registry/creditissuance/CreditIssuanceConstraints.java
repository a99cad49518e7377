package org.jcm.registry.creditissuance;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.creditissuance.account.AccountRule;
import org.jcm.registry.creditissuance.article6.Article6Rule;
import org.jcm.registry.creditissuance.issuance.IssuanceRule;
import org.jcm.registry.creditissuance.transfer.ExternalTransferRule;
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
            "account_holder_identifier_uk", AccountRule.HOLDER_HAS_ACCOUNT,
            "authorized_range_once_ex", Article6Rule.ALREADY_AUTHORIZED,
            "article6_authorization_reference_uk", Article6Rule.REFERENCE_TAKEN,
            "first_transfer_once_ex", Article6Rule.ALREADY_FIRST_TRANSFERRED,
            "first_transfer_authorized", Article6Rule.NOT_AUTHORIZED,
            "corresponding_adjustment_once_ex", Article6Rule.ALREADY_ADJUSTED,
            "external_transfer_pkey", ExternalTransferRule.TRANSFER_ID_TAKEN,
            "external_transfer_settles_once", ExternalTransferRule.ALREADY_SETTLED,
            "unit_block_no_overlap_ex", ExternalTransferRule.SERIALS_HELD);

    @Override
    public Map<String, Rule> byConstraintName() {
        return RULES;
    }
}
