package org.jcm.registry.creditissuance.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;

/** One side's JCM registry: its own accounts and its own serial numbering. */
@Entity
@Table(name = "registry")
public class Registry {

    public enum State {
        ACTIVE,
        SUSPENDED,
        CLOSED
    }

    @Id
    @Column(columnDefinition = "text")
    private String code;

    @Column(name = "country_code", nullable = false, length = 2)
    private String countryCode;

    @Column(nullable = false, columnDefinition = "text")
    private String name;

    @Column(name = "article6_registry_id", nullable = false, columnDefinition = "text")
    private String article6RegistryId;

    /** The Party's ISO 3166-1 alpha-3 code, for ITMO identifiers. */
    @Column(nullable = false, length = 3)
    private String alpha3;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private Hosting hosting;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private State state;

    /** Only the ledger moves the counter, in SQL under the row's lock: never written back from a loaded entity. */
    @Column(name = "last_serial", nullable = false, updatable = false)
    private long lastSerial;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    protected Registry() {}

    /** Opens the registry of a country that has just become ACTIVE. */
    public static Registry openFor(CountrySnapshot country, Instant at) {
        if (!country.isActive() || country.registry() == null) {
            throw new IllegalArgumentException("Only an ACTIVE country with a registry identity has a registry: " + country.code());
        }
        Registry r = new Registry();
        r.code = country.registry().registryCode();
        r.countryCode = country.code();
        r.name = "JCM registry of " + country.name();
        r.article6RegistryId = country.registry().article6RegistryId();
        r.alpha3 = country.alpha3();
        r.hosting = country.registry().hosting();
        r.state = State.ACTIVE;
        r.openedAt = at;
        return r;
    }

    /**
     * Follows its country: a SUSPENDED country's registry is suspended (no issuance), a reinstated one is active
     * again, a TERMINATED one is closed for good. Returns true if the state changed.
     */
    public boolean followCountry(CountrySnapshot country) {
        State next = switch (country.state()) {
            case ACTIVE -> State.ACTIVE;
            case SUSPENDED -> State.SUSPENDED;
            case TERMINATED -> State.CLOSED;
            default -> state;
        };
        if (next == state || state == State.CLOSED) {
            return false;
        }
        state = next;
        return true;
    }

    public String code() {
        return code;
    }
    public String countryCode() {
        return countryCode;
    }
    public String name() {
        return name;
    }
    public String article6RegistryId() {
        return article6RegistryId;
    }
    public String alpha3() {
        return alpha3;
    }

    public boolean isHosted() {
        return hosting == Hosting.HOSTED;
    }

    public Hosting hosting() {
        return hosting;
    }
    public State state() {
        return state;
    }
    public long lastSerial() {
        return lastSerial;
    }
    public Instant openedAt() {
        return openedAt;
    }
}
