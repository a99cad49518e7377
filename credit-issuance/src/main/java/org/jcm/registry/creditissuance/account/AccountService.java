package org.jcm.registry.creditissuance.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.registry.RegistryEvent;
import org.jcm.registry.creditissuance.article6.AefTables;
import org.jcm.registry.creditissuance.ledger.Ledger;
import org.jcm.registry.creditissuance.ledger.LedgerQueries;
import org.jcm.registry.creditissuance.ledger.LedgerViews;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Holdings;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.creditissuance.registry.RegistryRepository;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Caller;

/** Entity holding accounts: opened for a legal entity, blocked, unblocked, closed (when empty); their holdings as of any instant. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final RegistryRepository registries;
    private final Ledger ledger;
    private final LedgerQueries queries;
    private final EventStream<RegistryEvent> events;
    private final EntityManager em;
    private final Clock clock;
    private final AefTables aef;

    public AccountService(AccountRepository accounts, RegistryRepository registries, Ledger ledger, LedgerQueries queries, EventStreams streams,
            EntityManager em, Clock clock, AefTables aef) {
        this.accounts = accounts;
        this.registries = registries;
        this.ledger = ledger;
        this.queries = queries;
        this.events = streams.of("Registry", RegistryEvent.class);
        this.em = em;
        this.clock = clock;
        this.aef = aef;
    }

    /** Opens an entity holding account in a registry, numbered from the registry's own account counter. */
    @Transactional
    public Account open(String registryCode, Account.Holder holder, Caller caller) {
        Registry registry = registries.get(registryCode);
        caller.actForCountry(registry.countryCode());
        if (accounts.find("registryCode = ?1 and holderIdentifier = ?2 and state <> ?3", registryCode, holder.identifier(), Account.State.CLOSED)
                .firstResultOptional().isPresent()) {
            throw new RuleViolation(AccountRule.HOLDER_HAS_ACCOUNT, holder.identifier() + " already has an account in registry " + registryCode);
        }
        long sequence = ((Number) em.createNativeQuery("UPDATE registry SET last_account_number = last_account_number + 1 WHERE code = ?1 "
                + "RETURNING last_account_number").setParameter(1, registryCode).getSingleResult()).longValue() - 1;
        Instant at = clock.instant();
        Account account = Account.entityHolding(registry, sequence, holder, at);
        accounts.persist(account);
        events.append(registryCode, new RegistryEvent.AccountOpened(registryCode, account.id(), account.number(), account.type().name(),
                account.holder(), account.state().name(), at));
        return account;
    }

    @Transactional
    public Account block(UUID id, String reason, Caller caller) {
        return change(id, caller, (a, at) -> a.block(reason, at));
    }

    @Transactional
    public Account unblock(UUID id, String reason, Caller caller) {
        return change(id, caller, (a, at) -> a.unblock(reason, at));
    }

    @Transactional
    public Account close(UUID id, String reason, Caller caller) {
        return change(id, caller, (a, at) -> a.close(reason, ledger.balance(a.id()), at));
    }

    private Account change(UUID id, Caller caller, java.util.function.BiFunction<Account, Instant, Account.StateChange> step) {
        Account account = accounts.lockForChange(id);
        caller.actForCountry(countryOf(account));
        Account.StateChange change = step.apply(account, clock.instant());
        int seq = ((Number) em.createNativeQuery("SELECT count(*) FROM account_state_change WHERE account_id = ?1").setParameter(1, id)
                .getSingleResult()).intValue() + 1;
        em.createNativeQuery("""
                INSERT INTO account_state_change (account_id, seq, from_state, to_state, reason, actor, changed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""").setParameter(1, id).setParameter(2, seq).setParameter(3, change.from().name())
                .setParameter(4, change.to().name()).setParameter(5, change.reason()).setParameter(6, caller.actor()).setParameter(7, change.at())
                .executeUpdate();
        events.append(account.registryCode(), new RegistryEvent.AccountStateChanged(account.registryCode(), account.id(), account.number(),
                change.from().name(), change.to().name(), change.reason(), caller.actor(), change.at()));
        return account;
    }

    @Transactional
    public Account get(UUID id, Caller caller) {
        Account account = accounts.get(id);
        caller.readAccount(account.number(), countryOf(account), account.participantId());
        return account;
    }

    /** What the account held at {@code asOf} (now, if null), with its blocks. */
    @Transactional
    public Holdings holdings(UUID id, Instant asOf, Caller caller) {
        Account account = get(id, caller);
        Holdings held = queries.holdings(account.id(), account.number(), account.registryCode(), asOf == null ? clock.instant() : asOf);
        Map<Long, LedgerViews.Article6State> article6 = aef.states(held.blocks().stream().map(LedgerViews.BlockView::id).toList(), held.asOf());
        return held.withBlocks(held.blocks().stream().map(b -> b.withArticle6(article6.get(b.id()))).toList());
    }

    public long balance(UUID id) {
        return ledger.balance(id);
    }

    private String countryOf(Account account) {
        return registries.get(account.registryCode()).countryCode();
    }
}
