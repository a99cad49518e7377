package org.jcm.registry.creditissuance.transfer;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.account.AccountRepository;
import org.jcm.registry.creditissuance.article6.Article6Service;
import org.jcm.registry.creditissuance.ledger.Block;
import org.jcm.registry.creditissuance.ledger.Ledger;
import org.jcm.registry.creditissuance.ledger.LedgerEvents;
import org.jcm.registry.creditissuance.ledger.LedgerRule;
import org.jcm.registry.creditissuance.ledger.LedgerTransaction;
import org.jcm.registry.creditissuance.ledger.MovementChecks;
import org.jcm.registry.creditissuance.ledger.Plan;
import org.jcm.registry.creditissuance.ledger.Selection;
import org.jcm.registry.creditissuance.ledger.TransactionType;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Caller;

/**
 * Moves credits within one registry: internal transfers between OPEN accounts, retirements to the retirement account,
 * cancellations to the cancellation account. Each builds a transaction, runs every numbered check under the accounts'
 * locks, and hands it to the ledger, the only writer of blocks.
 */
@ApplicationScoped
public class MovementService {

    private final AccountRepository accounts;
    private final RegistryRepository registries;
    private final Ledger ledger;
    private final LedgerEvents events;
    private final Article6Service article6;

    public MovementService(AccountRepository accounts, RegistryRepository registries, Ledger ledger, LedgerEvents events, Article6Service article6) {
        this.accounts = accounts;
        this.registries = registries;
        this.ledger = ledger;
        this.events = events;
        this.article6 = article6;
    }

    @Transactional
    public Ledger.Completed transfer(String fromNumber, String toNumber, Selection selection, String decision, Caller caller) {
        // Both accounts in one round trip: the transfer is the ledger's busiest write.
        Map<String, Account> found = accounts.byNumbers(fromNumber, toNumber);
        Account from = sender(Optional.ofNullable(found.get(fromNumber)), fromNumber, caller);
        Optional<Account> to = Optional.ofNullable(found.get(toNumber));
        Ledger.Completed done = move(TransactionType.INTERNAL_TRANSFER, from, to, toNumber, selection, decision, null, null, caller);
        LedgerTransaction tx = done.transaction();
        events.append(new LedgerEvent.CreditsTransferred(tx.registryCode(), tx.id(), from.number(), tx.to().number(), tx.quantity(), decision,
                caller.actor(), done.at(), done.closed(), LedgerEvents.opened(done)));
        return done;
    }

    @Transactional
    public Ledger.Completed retire(String fromNumber, Selection selection, LedgerTransaction.Retirement use, Caller caller) {
        Account from = sender(fromNumber, caller);
        Account to = accounts.registryAccount(from.registryCode(), Account.Type.RETIREMENT);
        Ledger.Completed done = move(TransactionType.RETIREMENT, from, Optional.of(to), to.number(), selection, null, null, use, caller);
        LedgerTransaction tx = done.transaction();
        events.append(new LedgerEvent.CreditsRetired(tx.registryCode(), tx.id(), from.number(), to.number(), tx.quantity(), use.purpose(),
                use.beneficiary(), use.yearOfUse(), caller.actor(), done.at(), done.closed(), LedgerEvents.opened(done)));
        article6.recordFirstTransfer(tx.registryCode(), tx.id(), done.at(), moved(done), "USE");
        return done;
    }

    @Transactional
    public Ledger.Completed cancel(String fromNumber, Selection selection, String reason, Caller caller) {
        Account from = sender(fromNumber, caller);
        Account to = accounts.registryAccount(from.registryCode(), Account.Type.CANCELLATION);
        Ledger.Completed done = move(TransactionType.CANCELLATION, from, Optional.of(to), to.number(), selection, null, reason, null, caller);
        LedgerTransaction tx = done.transaction();
        events.append(new LedgerEvent.CreditsCancelled(tx.registryCode(), tx.id(), from.number(), to.number(), tx.quantity(), reason,
                caller.actor(), done.at(), done.closed(), LedgerEvents.opened(done)));
        article6.recordFirstTransfer(tx.registryCode(), tx.id(), done.at(), moved(done), "CANCELLATION");
        return done;
    }

    /** The blocks a movement opened in its receiving account (for Article 6, which tracks what was used or cancelled). */
    private static java.util.List<Block> moved(Ledger.Completed done) {
        return done.opened().stream().filter(b -> "MOVED".equals(b.origin())).toList();
    }

    /** The sending account, if the caller may move its credits: its registry's operator or partner, or the participant holding it. */
    Account sender(String number, Caller caller) {
        return sender(accounts.byNumber(number), number, caller);
    }

    private Account sender(Optional<Account> account, String number, Caller caller) {
        Account from = account.orElseThrow(() -> new RuleViolation(LedgerRule.SENDER_UNKNOWN, "no account " + number));
        caller.actForAccount(from.number(), registries.get(from.registryCode()).countryCode(), from.participantId());
        return from;
    }

    private Ledger.Completed move(TransactionType type, Account from, Optional<Account> to, String toNumber, Selection selection, String decision,
            String reason, LedgerTransaction.Retirement use, Caller caller) {
        MovementChecks checks = new MovementChecks(type);
        if (to.isEmpty()) {
            checks.senderAndUnits(from, registries.get(from.registryCode()), ledger.plan(from, selection));
            checks.receiverUnknown(toNumber);
            checks.throwIfFailed();
        }
        accounts.lockForMovement(from, to.get());
        Registry registry = registries.get(from.registryCode());
        Plan plan = ledger.plan(from, selection);
        checks.senderAndUnits(from, registry, plan);
        checks.receiver(from, to.get());
        if (use != null) {
            checks.yearOfUse(use.yearOfUse(), plan);
        }
        checks.throwIfFailed();
        return ledger.move(LedgerTransaction.movement(type, caller.actor(), decision, from, to.get(), plan.quantity(), reason, use), plan);
    }
}
