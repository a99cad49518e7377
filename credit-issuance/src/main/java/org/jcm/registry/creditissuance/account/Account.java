package org.jcm.registry.creditissuance.registry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account of one registry. Only OPEN accounts send or receive credits. */
@Entity
@Table(name = "account")
public class Account {

    public enum Type {

        GOVERNMENT_HOLDING("100"),
        ENTITY_HOLDING("200"),
        CANCELLATION("800"),
        RETIREMENT("900");

        private final String numberPart;

        Type(String numberPart) {
            this.numberPart = numberPart;
        }
    }

    public enum State {
        OPEN,
        BLOCKED,
        CLOSED
    }

    @Id
    private UUID id;

    @Column(nullable = false, columnDefinition = "text")
    private String number;

    @Column(name = "registry_code", nullable = false, columnDefinition = "text")
    private String registryCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private Type type;

    @Column(nullable = false, columnDefinition = "text")
    private String holder;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private State state;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    protected Account() {}

    /** One of the registry's own accounts (government holding, cancellation, retirement), numbered {@code {registry}-{type}-1}. */
    static Account registryAccount(Registry registry, Type type, String holder, Instant at) {
        if (type == Type.ENTITY_HOLDING) {
            throw new IllegalArgumentException("Entity holding accounts are opened for a legal entity");
        }
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.number = registry.code() + "-" + type.numberPart + "-1";
        a.registryCode = registry.code();
        a.type = type;
        a.holder = holder;
        a.state = State.OPEN;
        a.openedAt = at;
        return a;
    }

    public UUID id() {
        return id;
    }
    public String number() {
        return number;
    }
    public String registryCode() {
        return registryCode;
    }
    public Type type() {
        return type;
    }
    public String holder() {
        return holder;
    }
    public State state() {
        return state;
    }
    public Instant openedAt() {
        return openedAt;
    }
}
