package org.jcm.registry.creditissuance.transfer;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A transfer of credits between two registries, modelled on the Kyoto registries' protocol: PROPOSED (the sending side
 * has reserved the blocks), then exactly one of COMPLETED (the receiving side accepted; debited and credited), REJECTED
 * (it refused, with its numbered reason), EXPIRED (no answer within the timeout) or CANCELLED (by an operator). A
 * settled transfer never changes again (the database refuses it too). Direction OUT: the sending registry is kept here;
 * IN: an external registry proposed it to a registry kept here.
 */
@Entity
@Table(name = "external_transfer")
public class ExternalTransfer {

    public enum State {
        PROPOSED,
        COMPLETED,
        REJECTED,
        EXPIRED,
        CANCELLED
    }

    public enum Direction {
        OUT,
        IN
    }

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private State state;

    @Column(name = "from_registry", nullable = false, columnDefinition = "text")
    private String fromRegistry;

    @Column(name = "to_registry", nullable = false, columnDefinition = "text")
    private String toRegistry;

    @Column(name = "from_account", columnDefinition = "text")
    private String fromAccount;

    @Column(name = "to_account", nullable = false, columnDefinition = "text")
    private String toAccount;

    @Column(nullable = false)
    private long quantity;

    @Column(columnDefinition = "text")
    private String decision;

    @Column(name = "proposed_by", nullable = false, columnDefinition = "text")
    private String proposedBy;

    @Column(name = "proposed_at", nullable = false)
    private Instant proposedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "settled_by", columnDefinition = "text")
    private String settledBy;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(name = "rule_code", columnDefinition = "text")
    private String ruleCode;

    @Column(columnDefinition = "text")
    private String reason;

    protected ExternalTransfer() {}

    /** A transfer this registry proposes from one of its accounts; {@code expiresAt} null when the receiving registry is kept here. */
    public static ExternalTransfer propose(String fromRegistry, String fromAccount, String toRegistry, String toAccount, long quantity,
            String decision, String actor, Instant at, Instant expiresAt) {
        ExternalTransfer t = proposed(UUID.randomUUID(), Direction.OUT, fromRegistry, fromAccount, toRegistry, toAccount, quantity, decision, actor,
                at);
        t.expiresAt = expiresAt == null ? at : expiresAt;
        return t;
    }

    /** A transfer an external registry proposed to one of the registries kept here, under the id it chose. */
    public static ExternalTransfer arriving(UUID id, String fromRegistry, String fromAccount, String toRegistry, String toAccount, long quantity,
            String decision, String actor, Instant at) {
        return proposed(id, Direction.IN, fromRegistry, fromAccount, toRegistry, toAccount, quantity, decision, actor, at);
    }

    private static ExternalTransfer proposed(UUID id, Direction direction, String fromRegistry, String fromAccount, String toRegistry,
            String toAccount, long quantity, String decision, String actor, Instant at) {
        ExternalTransfer t = new ExternalTransfer();
        t.id = id;
        t.direction = direction;
        t.state = State.PROPOSED;
        t.fromRegistry = fromRegistry;
        t.fromAccount = fromAccount;
        t.toRegistry = toRegistry;
        t.toAccount = toAccount;
        t.quantity = quantity;
        t.decision = decision;
        t.proposedBy = actor;
        t.proposedAt = at;
        return t;
    }

    /** The receiving side accepted. */
    public void complete(String actor, Instant at) {
        settle(State.COMPLETED, actor, at, null, null);
    }

    /** The receiving side refused, for the numbered reason {@code ruleCode}. */
    public void reject(String actor, Instant at, String ruleCode, String reason) {
        settle(State.REJECTED, actor, at, ruleCode, reason);
    }

    /** No answer came before {@link #expiresAt()}. */
    public void expire(Instant at) {
        settle(State.EXPIRED, "system:external-transfer-timeout", at, null, "no answer before " + expiresAt);
    }

    /** An operator withdrew the proposal. */
    public void cancel(String actor, Instant at, String reason) {
        settle(State.CANCELLED, actor, at, null, reason);
    }

    private void settle(State next, String actor, Instant at, String code, String why) {
        if (state != State.PROPOSED) {
            throw new RuleViolation(ExternalTransferRule.ALREADY_SETTLED, "transfer " + id + " is " + state + " since " + settledAt);
        }
        state = next;
        settledBy = actor;
        settledAt = at;
        ruleCode = code;
        reason = why;
    }

    public UUID id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    public State state() {
        return state;
    }

    public String fromRegistry() {
        return fromRegistry;
    }

    public String toRegistry() {
        return toRegistry;
    }

    public String fromAccount() {
        return fromAccount;
    }

    public String toAccount() {
        return toAccount;
    }

    public long quantity() {
        return quantity;
    }

    public String decision() {
        return decision;
    }

    public String proposedBy() {
        return proposedBy;
    }

    public Instant proposedAt() {
        return proposedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String settledBy() {
        return settledBy;
    }

    public Instant settledAt() {
        return settledAt;
    }

    public String ruleCode() {
        return ruleCode;
    }

    public String reason() {
        return reason;
    }
}
