package org.jcm.registry.creditissuance.ledger;

import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.creditissuance.registry.Registry;
import org.jcm.registry.platform.problem.Checks;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The numbered checks of a movement of credits, run together so that a refusal lists every one that failed: sender checks
 * (JCM-LED-1xx), receiver checks (2xx), unit checks (3xx) and the retirement's (4xx).
 */
public final class MovementChecks {

    private final TransactionType type;
    private final Checks checks = new Checks();

    public MovementChecks(TransactionType type) {
        this.type = type;
    }

    /** LED-104 registry ACTIVE, LED-102 sender OPEN, LED-103 sender not final; LED-301/302 the sender holds what is asked for. */
    public void senderAndUnits(Account from, Registry registry, Plan plan) {
        checks.run(() -> {
            if (registry.state() != Registry.State.ACTIVE) {
                throw new RuleViolation(LedgerRule.REGISTRY_NOT_ACTIVE, "registry " + registry.code() + " is " + registry.state());
            }
        });
        checks.run(() -> {
            if (from.type().isFinal()) {
                throw new RuleViolation(LedgerRule.SENDER_FINAL, "account " + from.number() + " is the " + from.type() + " account");
            }
        });
        checks.run(() -> {
            if (!from.isOpen()) {
                throw new RuleViolation(LedgerRule.SENDER_NOT_OPEN, "account " + from.number() + " is " + from.state());
            }
        });
        checks.run(() -> {
            if (!plan.complete()) {
                throw Ledger.shortage(from, plan);
            }
        });
    }

    /** LED-201 the receiving account exists. */
    public void receiverUnknown(String number) {
        checks.run(() -> {
            throw new RuleViolation(LedgerRule.RECEIVER_UNKNOWN, "no account " + number);
        });
    }

    /** LED-202 receiver OPEN, LED-203 of the sender's registry, LED-204 not the sender, LED-205 final only by retirement or cancellation. */
    public void receiver(Account from, Account to) {
        receiver(to, from.registryCode());
        checks.run(() -> {
            if (to.id().equals(from.id())) {
                throw new RuleViolation(LedgerRule.RECEIVER_IS_SENDER, "account " + to.number() + " would send to itself");
            }
        });
    }

    /**
     * LED-202 receiver OPEN, LED-203 in {@code registryCode}, LED-205 a retirement or cancellation account receives only by
     * retirement or cancellation: the receiving side's checks, also of an external transfer's receiving registry.
     */
    public void receiver(Account to, String registryCode) {
        checks.run(() -> {
            if (!to.isOpen()) {
                throw new RuleViolation(LedgerRule.RECEIVER_NOT_OPEN, "account " + to.number() + " is " + to.state());
            }
        });
        checks.run(() -> {
            if (!to.registryCode().equals(registryCode)) {
                throw new RuleViolation(LedgerRule.RECEIVER_OTHER_REGISTRY, "account " + to.number() + " is in registry " + to.registryCode()
                        + ", not " + registryCode + (type == TransactionType.INTERNAL_TRANSFER
                                ? ": a transfer between registries is an external transfer"
                                : ""));
            }
        });
        checks.run(() -> {
            boolean transfer = type == TransactionType.INTERNAL_TRANSFER || type == TransactionType.EXTERNAL_TRANSFER;
            if (transfer && to.type().isFinal()) {
                throw new RuleViolation(LedgerRule.RECEIVER_FINAL, "account " + to.number() + " is the " + to.type()
                        + " account: retire or cancel credits instead");
            }
        });
    }

    /** LED-401 no credit is used in a year before its vintage. */
    public void yearOfUse(int yearOfUse, Plan plan) {
        plan.splits().stream().mapToInt(s -> s.block().attributes().vintage()).max().ifPresent(latest -> checks.run(() -> {
            if (yearOfUse < latest) {
                throw new RuleViolation(LedgerRule.USE_BEFORE_VINTAGE, "credits of vintage " + latest + " cannot be used for " + yearOfUse);
            }
        }));
    }

    /** Any further numbered check of the movement (Article 6's, say), reported with the others. */
    public void run(Runnable check) {
        checks.run(check);
    }

    public java.util.List<RuleViolation> failed() {
        return checks.failed();
    }

    public void throwIfFailed() {
        checks.throwIfFailed();
    }
}
