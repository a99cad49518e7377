package org.jcm.registry.creditissuance.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.registry.RegistryEvent;
import org.jcm.registry.contract.registry.RegistryEvent.AccountOpened;
import org.jcm.registry.contract.registry.RegistryEvent.RegistryOpened;
import org.jcm.registry.contract.registry.RegistryEvent.RegistryStateChanged;
import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.account.AccountRepository;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;
import org.jcm.registry.platform.security.Caller;

/** Opens each side's registry and its own accounts; more account and registry operations build on this. */
@ApplicationScoped
public class RegistryService {

    static final String AGGREGATE = "Registry";
    public static final String JAPAN = "JP";

    private final RegistryRepository registries;
    private final AccountRepository accounts;
    private final KnownCountries countries;
    private final EventStream<RegistryEvent> events;

    public RegistryService(RegistryRepository registries, AccountRepository accounts, KnownCountries countries, EventStreams streams) {
        this.registries = registries;
        this.accounts = accounts;
        this.countries = countries;
        this.events = streams.of(AGGREGATE, RegistryEvent.class);
    }

    /**
     * Takes a country's newer snapshot into the read model and, if it is newer, opens the country's registry when it
     * first becomes ACTIVE and keeps an existing registry's state in step with it. Runs in the consumer's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followCountry(CountrySnapshot country, InboundEvent envelope) {
        if (countries.apply(country, envelope.subject(), envelope.time())) {
            openIfAbsent(country, envelope.time());
            followCountry(country, envelope.time());
        }
    }

    /**
     * Opens the registry of a country that became ACTIVE, with its government holding, cancellation and
     * retirement accounts, unless it has one already. Runs in the caller's transaction (the consumer's, which
     * also records the event as processed).
     */
    Optional<Registry> openIfAbsent(CountrySnapshot country, Instant at) {
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
    private void followCountry(CountrySnapshot country, Instant at) {
        registries.ofCountry(country.code()).filter(r -> r.followCountry(country)).ifPresent(r -> append(r,
                new RegistryStateChanged(r.code(), r.countryCode(), r.state().name(), country.version(), at)));
    }

    /**
     * Opens Japan's registry, unless it is open: Japan is a side of every JCM partnership, not a partner country, so no
     * country event opens it. Two instances starting together open it once (the advisory lock, then the check).
     */
    @Transactional
    public void openJapanIfAbsent(String article6RegistryId, Instant at) {
        registries.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('jcm.registry.japan'))").getSingleResult();
        CountrySnapshot japan = new CountrySnapshot(JAPAN, "JPN", "Japan", CountryState.ACTIVE, 1, null, null, null,
                new CountrySnapshot.RegistryIdentity(JAPAN, article6RegistryId, CountrySnapshot.Hosting.HOSTED), null, List.of(), null);
        openIfAbsent(japan, at);
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
    public List<Account> accountsOf(String code, Caller caller) {
        caller.readCountry(code);
        get(code);
        return accounts.ofRegistry(code);
    }

    private void append(Registry registry, RegistryEvent event) {
        events.append(registry.code(), event);
    }
}
