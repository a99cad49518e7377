package org.jcm.registry.creditissuance.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import org.jcm.registry.platform.persistence.Aggregates;
import org.jcm.registry.platform.problem.RuleViolation;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public List<Account> ofRegistry(String registryCode) {
        return list("registryCode", Sort.by("number"), registryCode);
    }

    public Optional<Account> byNumber(String number) {
        return find("number", number).firstResultOptional();
    }

    /** The accounts of these numbers, by number, in one query (a movement's sender and receiver); a number with no account is absent. */
    public Map<String, Account> byNumbers(String... numbers) {
        return list("number in ?1", List.of(numbers)).stream().collect(Collectors.toMap(Account::number, a -> a));
    }

    /** The registry's own account of a type (government holding, cancellation, retirement). */
    public Account registryAccount(String registryCode, Account.Type type) {
        return find("registryCode = ?1 and type = ?2", registryCode, type).firstResult();
    }

    public Account get(UUID id) {
        return findByIdOptional(id).orElseThrow(() -> noSuch(id.toString()));
    }

    /** The account, locked for a change of its own (blocking, closing) or for moving credits out of it, read fresh under the lock. */
    public Account lockForChange(UUID id) {
        return Aggregates.lockForChange(getEntityManager(), Account.class, id).orElseThrow(() -> noSuch(id.toString()));
    }

    /**
     * Locks the accounts of one movement in a fixed order (by id), so that two movements in opposite directions cannot
     * deadlock: the sender exclusively (nothing else moves its credits meanwhile), the receiver shared (it cannot be
     * blocked or closed meanwhile, while other movements into it go on).
     */
    public void lockForMovement(Account from, Account to) {
        for (Account a : from.id().compareTo(to.id()) < 0 ? List.of(from, to) : List.of(to, from)) {
            if (a == from) {
                Aggregates.lockForChange(getEntityManager(), Account.class, a.id());
            } else {
                Aggregates.lockShared(getEntityManager(), Account.class, a.id());
            }
        }
    }

    /** Locks an account that receives credits, shared: it cannot be blocked or closed meanwhile; other movements into it go on. */
    public void lockReceiving(Account account) {
        Aggregates.lockShared(getEntityManager(), Account.class, account.id());
    }

    public static RuleViolation noSuch(String account) {
        return new RuleViolation(AccountRule.NO_SUCH_ACCOUNT, "no account " + account);
    }
}
