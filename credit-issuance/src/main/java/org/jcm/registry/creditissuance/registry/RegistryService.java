package org.jcm.registry.creditissuance.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.registry.RegistryEvent;
import org.jcm.registry.contract.registry.RegistryEvent.AccountOpened;
import org.jcm.registry.contract.registry.RegistryEvent.RegistryOpened;
import org.jcm.registry.contract.registry.RegistryEvent.RegistryStateChanged;
import org.jcm.registry.platform.eventlog.EventLog;
import org.jcm.registry.platform.problem.RuleViolation;

/** Opens each side's registry and its own accounts; more account and registry operations build on this. */
@ApplicationScoped
public class RegistryService {

    static final String AGGREGATE = "Registry";

    private final RegistryRepository registries;
    private final AccountRepository accounts;
    private final EventLog eventLog;

    public RegistryService(RegistryRepository registries, AccountRepository accounts, EventLog eventLog) {
        this.registries = registries;
        this.accounts = accounts;
        this.eventLog = eventLog;
    }

    /**
     * Opens the registry of a country that became ACTIVE, with its government holding, cancellation and
     * retirement accounts, unless it has one already. Runs in the caller's transaction (the consumer's, which
     * also records the event as processed).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Registry> openIfAbsent(CountrySnapshot country, Instant at) {
        if (!country.isActive() || country.registry() == null || registries.ofCountry(country.code()).isPresent()) {
            return Optional.empty();
        }
        Registry registry = Registry.openFor(country, at);
        registries.persist(registry);
        append(registry, new RegistryOpened(registry.code(), registry.countryCode(), registry.name(), registry.article6RegistryId(),
                registry.hosting().name(), at));
        String government = "Government of " + country.name();
        for (Account account : List.of(
                Account.registryAccount(registry, Account.Type.GOVERNMENT_HOLDING, government, at),
                Account.registryAccount(registry, Account.Type.CANCELLATION, government, at),
                Account.registryAccount(registry, Account.Type.RETIREMENT, government, at))) {
            accounts.persist(account);
            append(registry, new AccountOpened(registry.code(), account.id(), account.number(), account.type().name(), account.holder(),
                    account.state().name(), at));
        }
        return Optional.of(registry);
    }

    /** Keeps an existing registry's state in step with its country's (suspension, reinstatement, termination). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followCountry(CountrySnapshot country, Instant at) {
        registries.ofCountry(country.code()).filter(r -> r.followCountry(country)).ifPresent(r -> append(r,
                new RegistryStateChanged(r.code(), r.countryCode(), r.state().name(), country.version(), at)));
    }

    @Transactional
    public List<Registry> all() {
        return registries.all();
    }

    @Transactional
    public Registry get(String code) {
        return registries.findByIdOptional(code).orElseThrow(() -> new RuleViolation(RegistryRule.NO_SUCH_REGISTRY, "no registry " + code));
    }

    @Transactional
    public List<Account> accountsOf(String code) {
        get(code);
        return accounts.ofRegistry(code);
    }

    private void append(Registry registry, RegistryEvent event) {
        eventLog.append(Topics.ACCOUNTS, AGGREGATE, registry.code(), RegistryEvent.typeOf(event.getClass()), event);
    }
}
