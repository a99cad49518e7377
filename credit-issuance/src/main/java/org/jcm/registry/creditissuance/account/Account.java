package org.jcm.registry.creditissuance.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * An account of one registry. Only OPEN accounts send or receive credits; an account that holds credits cannot be
 * closed; the registry's own accounts (government holding, cancellation, retirement) stay OPEN. Credits in the
 * cancellation and retirement accounts are final: they never move again.
 */
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

        /** Credits held in an account of this type never move again. */
        public boolean isFinal() {
            return this == CANCELLATION || this == RETIREMENT;
        }
    }

    public enum State {
        OPEN,
        BLOCKED,
        CLOSED
    }

    /** The legal entity an entity holding account is opened for. */
    public record Holder(String name, String identifier, String contactEmail, String contactPhone, String participantId) {}

    /** A change of state, with its reason, as the account's history keeps it. */
    public record StateChange(State from, State to, String reason, Instant at) {}

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

    @Column(name = "holder_identifier", columnDefinition = "text")
    private String holderIdentifier;

    @Column(name = "contact_email", columnDefinition = "text")
    private String contactEmail;

    @Column(name = "contact_phone", columnDefinition = "text")
    private String contactPhone;

    @Column(name = "participant_id", columnDefinition = "text")
    private String participantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private State state;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "state_changed_at", nullable = false)
    private Instant stateChangedAt;

    @Column(name = "state_reason", columnDefinition = "text")
    private String stateReason;

    protected Account() {}

    /** One of the registry's own accounts (government holding, cancellation, retirement), numbered {@code {registry}-{type}-1}. */
    public static Account registryAccount(Registry registry, Type type, String holder, Instant at) {
        if (type == Type.ENTITY_HOLDING) {
            throw new IllegalArgumentException("Entity holding accounts are opened for a legal entity");
        }
        return open(registry, type, registry.code() + "-" + type.numberPart + "-1", new Holder(holder, null, null, null, null), at);
    }

    /** An entity holding account for a legal entity, numbered {@code {registry}-200-{NNNNNN}} from the registry's account counter. */
    public static Account entityHolding(Registry registry, long sequence, Holder holder, Instant at) {
        if (registry.state() != Registry.State.ACTIVE) {
            throw new RuleViolation(AccountRule.REGISTRY_NOT_ACTIVE, "registry " + registry.code() + " is " + registry.state()
                    + ": accounts are opened in an ACTIVE registry only");
        }
        return open(registry, Type.ENTITY_HOLDING, "%s-%s-%06d".formatted(registry.code(), Type.ENTITY_HOLDING.numberPart, sequence), holder, at);
    }

    private static Account open(Registry registry, Type type, String number, Holder holder, Instant at) {
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.number = number;
        a.registryCode = registry.code();
        a.type = type;
        a.holder = holder.name();
        a.holderIdentifier = holder.identifier();
        a.contactEmail = holder.contactEmail();
        a.contactPhone = holder.contactPhone();
        a.participantId = holder.participantId();
        a.state = State.OPEN;
        a.openedAt = at;
        a.stateChangedAt = at;
        return a;
    }

    /** Stops the account sending or receiving, for a stated reason (an investigation, a court order). */
    public StateChange block(String reason, Instant at) {
        return change(State.OPEN, State.BLOCKED, reason, at);
    }

    /** Lets a blocked account send and receive again. */
    public StateChange unblock(String reason, Instant at) {
        return change(State.BLOCKED, State.OPEN, reason, at);
    }

    /** Closes the account for good; {@code balance} is what it holds, which must be nothing. */
    public StateChange close(String reason, long balance, Instant at) {
        if (balance != 0) {
            throw new RuleViolation(AccountRule.HOLDS_CREDITS, "account " + number + " holds " + balance
                    + " credits: transfer them out before closing it");
        }
        if (state == State.CLOSED) {
            throw notAllowed(State.CLOSED);
        }
        return change(state, State.CLOSED, reason, at);
    }

    private StateChange change(State from, State to, String reason, Instant at) {
        if (type != Type.ENTITY_HOLDING) {
            throw new RuleViolation(AccountRule.REGISTRY_ACCOUNT, "account " + number + " is the registry's " + type
                    + " account: it stays OPEN");
        }
        if (state != from) {
            throw notAllowed(to);
        }
        StateChange change = new StateChange(state, to, reason, at);
        state = to;
        stateChangedAt = at;
        stateReason = reason;
        return change;
    }

    private RuleViolation notAllowed(State to) {
        return new RuleViolation(AccountRule.TRANSITION_NOT_ALLOWED, "account " + number + " is " + state + ": it cannot become " + to);
    }

    public boolean isOpen() {
        return state == State.OPEN;
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
    public String holderIdentifier() {
        return holderIdentifier;
    }
    public String contactEmail() {
        return contactEmail;
    }
    public String contactPhone() {
        return contactPhone;
    }
    public String participantId() {
        return participantId;
    }
    public State state() {
        return state;
    }
    public Instant openedAt() {
        return openedAt;
    }
    public Instant stateChangedAt() {
        return stateChangedAt;
    }
    public String stateReason() {
        return stateReason;
    }
}
