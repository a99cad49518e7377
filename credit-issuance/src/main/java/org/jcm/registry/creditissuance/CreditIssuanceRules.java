package org.jcm.registry.creditissuance;

import java.util.List;
import java.util.stream.Stream;

import org.jcm.registry.creditissuance.account.AccountRule;
import org.jcm.registry.creditissuance.article6.Article6Rule;
import org.jcm.registry.creditissuance.issuance.IssuanceRule;
import org.jcm.registry.creditissuance.ledger.LedgerRule;
import org.jcm.registry.creditissuance.registry.RegistryRule;
import org.jcm.registry.creditissuance.transfer.ExternalTransferRule;
import org.jcm.registry.platform.problem.Rule;
import org.jcm.registry.platform.problem.RuleBook;

/** Every numbered rule of this service, for the OpenAPI document and the rule catalogue. */
public class CreditIssuanceRules implements RuleBook {

    @Override
    public List<Rule> rules() {
        return Stream.<Rule[]>of(RegistryRule.values(), AccountRule.values(), IssuanceRule.values(), LedgerRule.values(),
                ExternalTransferRule.values(), Article6Rule.values()).flatMap(Stream::of)
                .map(Rule.class::cast).toList();
    }
}
