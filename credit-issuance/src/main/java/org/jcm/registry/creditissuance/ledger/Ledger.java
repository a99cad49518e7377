package org.jcm.registry.creditissuance.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.platform.persistence.SqlValues;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The only writer of serial blocks and ledger transactions. Blocks are never changed: a transaction closes the blocks it
 * moves or splits (once) and opens their successors, so every past holding stays a query. Callers hold the sending
 * account's lock (see {@code AccountRepository.lockForMovement}); the registry's serial counter is locked by its own update.
 */
@ApplicationScoped
public class Ledger {

    static final String BLOCK_COLUMNS = """
            id, registry_code, lower(serials), upper(serials) - 1, project_id, project_reference, period_start, period_end, vintage,
            issuance_id, account_id, final, origin, parent_id, opened_by, opened_at, closed_by, closed_at""";

    private final EntityManager em;

    public Ledger(EntityManager em) {
        this.em = em;
    }

    /** What a completed transaction did: the blocks it closed and the blocks it opened, at its time. */
    public record Completed(LedgerTransaction transaction, long seq, Instant at, List<Long> closed, List<Block> opened) {}

    /**
     * Issues {@code transaction.quantity()} new credits as one block into its receiving account: the serials come from the
     * registry's counter, which only this statement moves, under the registry row's lock. Issuing a billion credits writes
     * one row, as issuing one does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed issue(LedgerTransaction tx, Block.Attributes attributes) {
        long last = ((Number) em.createNativeQuery("UPDATE registry SET last_serial = last_serial + ?1 WHERE code = ?2 RETURNING last_serial")
                .setParameter(1, tx.quantity()).setParameter(2, tx.registryCode()).getSingleResult()).longValue();
        SerialRange serials = new SerialRange(last - tx.quantity() + 1, last);
        Instant at = now();
        long seq = record(tx, at);
        Block block = open(tx, at, serials, attributes, tx.to(), "ISSUED", null);
        return new Completed(tx, seq, at, List.of(), List.of(block));
    }

    /**
     * Works out which blocks of {@code from} a selection takes, without changing anything: by quantity, oldest vintage
     * first, then lowest serial, each block giving its lower serials; by ranges, exactly the serials named.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Plan plan(Account from, Selection selection) {
        Plan plan = selection instanceof Selection.Ranges ranges
                ? planRanges(from, ranges)
                : planQuantity(from,
                        ((Selection.Quantity) selection).quantity());
        // What the account holds is read only to explain a refusal: a complete plan does not need it.
        return plan.complete() ? plan : plan.withAvailable(balance(from.id()));
    }

    private Plan planQuantity(Account from, long quantity) {
        List<Block> blocks = blocks("""
                SELECT %s FROM (
                    SELECT b.*, sum(upper(serials) - lower(serials)) OVER (ORDER BY vintage, lower(serials)) AS running
                    FROM unit_block b WHERE account_id = ?1 AND closed_by IS NULL) held
                WHERE running - (upper(serials) - lower(serials)) < ?2
                ORDER BY vintage, lower(serials)""".formatted(BLOCK_COLUMNS), from.id(), quantity);
        List<Plan.Split> splits = new ArrayList<>();
        long left = quantity;
        for (Block b : blocks) {
            long take = Math.min(left, b.size());
            SerialRange moved = b.range().first(take);
            splits.add(new Plan.Split(b, List.of(moved), b.range().minus(List.of(moved))));
            left -= take;
        }
        return new Plan(splits, quantity, -1, List.of());
    }

    private Plan planRanges(Account from, Selection.Ranges selection) {
        Map<Long, Block> touched = new LinkedHashMap<>();
        Map<Long, List<SerialRange>> moved = new LinkedHashMap<>();
        List<SerialRange> notHeld = new ArrayList<>();
        for (SerialRange wanted : selection.ranges()) {
            List<SerialRange> found = new ArrayList<>();
            for (Block b : blocks("SELECT " + BLOCK_COLUMNS + " FROM unit_block WHERE account_id = ?1 AND closed_by IS NULL "
                    + "AND serials && int8range(?2, ?3, '[]') ORDER BY lower(serials)", from.id(), wanted.start(), wanted.end())) {
                SerialRange part = b.range().intersect(wanted).orElseThrow();
                touched.putIfAbsent(b.id(), b);
                moved.computeIfAbsent(b.id(), id -> new ArrayList<>()).add(part);
                found.add(part);
            }
            notHeld.addAll(wanted.minus(found));
        }
        List<Plan.Split> splits = touched.values().stream()
                .map(b -> new Plan.Split(b, moved.get(b.id()).stream().sorted().toList(), b.range().minus(moved.get(b.id())))).toList();
        return new Plan(splits, selection.quantity(), -1, notHeld);
    }

    /**
     * Completes a movement planned by {@link #plan}: records the transaction, closes every block it touches and opens the
     * moved parts in the receiving account and the kept parts in the sending one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed move(LedgerTransaction tx, Plan plan) {
        if (!plan.complete() || plan.moving() != tx.quantity()) {
            throw new IllegalStateException("An incomplete plan reached the ledger: " + plan);
        }
        Instant at = now();
        long seq = record(tx, at);
        List<Long> closed = plan.splits().stream().map(s -> s.block().id()).toList();
        int closedRows = em
                .createNativeQuery("UPDATE unit_block SET closed_by = ?1, closed_at = ?2 WHERE id = ANY(CAST(?3 AS bigint[])) AND closed_by IS NULL")
                .setParameter(1, tx.id()).setParameter(2, at).setParameter(3, closed.toArray(Long[]::new)).executeUpdate();
        if (closedRows != closed.size()) {
            throw new IllegalStateException(
                    "Blocks " + closed + " moved under transaction " + tx.id() + " were not all open: the sender was not locked");
        }
        List<Block> opened = new ArrayList<>();
        for (Plan.Split s : plan.splits()) {
            for (SerialRange r : s.moved()) {
                opened.add(open(tx, at, r, s.block().attributes(), tx.to(), "MOVED", s.block().id()));
            }
            for (SerialRange r : s.kept()) {
                opened.add(open(tx, at, r, s.block().attributes(), tx.from(), "KEPT", s.block().id()));
            }
        }
        return new Completed(tx, seq, at, closed, opened);
    }

    /** What the account holds now. */
    public long balance(UUID account) {
        return ((Number) em
                .createNativeQuery(
                        "SELECT coalesce(sum(upper(serials) - lower(serials)), 0) FROM unit_block WHERE account_id = ?1 AND closed_by IS NULL")
                .setParameter(1, account).getSingleResult()).longValue();
    }

    /** Records the transaction as COMPLETED at {@code at}; returns its place in the log. */
    private long record(LedgerTransaction tx, Instant at) {
        LedgerTransaction.Retirement retirement = tx.retirement();
        return ((Number) em.createNativeQuery("""
                INSERT INTO ledger_transaction (id, registry_code, type, state, actor, at, decision, from_account, to_account, quantity,
                    issuance_id, reason, retirement_purpose, beneficiary, year_of_use)
                VALUES (?1, ?2, ?3, 'COMPLETED', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING seq""")
                .setParameter(1, tx.id()).setParameter(2, tx.registryCode()).setParameter(3, tx.type().name()).setParameter(4, tx.actor())
                .setParameter(5, at).setParameter(6, tx.decision()).setParameter(7, tx.from() == null ? null : tx.from().id())
                .setParameter(8, tx.to().id()).setParameter(9, tx.quantity()).setParameter(10, tx.issuanceId()).setParameter(11, tx.reason())
                .setParameter(12, retirement == null ? null : retirement.purpose())
                .setParameter(13, retirement == null ? null : retirement.beneficiary())
                .setParameter(14, retirement == null ? null : retirement.yearOfUse())
                .getSingleResult()).longValue();
    }

    private Block open(LedgerTransaction tx, Instant at, SerialRange range, Block.Attributes a, Account holder, String origin, Long parent) {
        long id = ((Number) em.createNativeQuery("""
                INSERT INTO unit_block (registry_code, serials, project_id, project_reference, period_start, period_end, vintage, issuance_id,
                    account_id, final, origin, parent_id, opened_by, opened_at)
                VALUES (?1, int8range(?2, ?3, '[]'), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id""")
                .setParameter(1, tx.registryCode()).setParameter(2, range.start()).setParameter(3, range.end()).setParameter(4, a.projectId())
                .setParameter(5, a.projectReference()).setParameter(6, a.periodStart()).setParameter(7, a.periodEnd())
                .setParameter(8, a.vintage()).setParameter(9, a.issuanceId()).setParameter(10, holder.id())
                .setParameter(11, holder.type().isFinal()).setParameter(12, origin).setParameter(13, parent).setParameter(14, tx.id())
                .setParameter(15, at).getSingleResult()).longValue();
        return new Block(id, tx.registryCode(), range, a, holder.id(), holder.type().isFinal(), origin, parent, tx.id(), at, null, null);
    }

    /** The database's clock, read after the locks are held, so a block's successors never open before it. */
    private Instant now() {
        return SqlValues.instant(em.createNativeQuery("SELECT clock_timestamp()").getSingleResult());
    }

    List<Block> blocks(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        List<?> rows = query.getResultList();
        return rows.stream().map(r -> block((Object[]) r)).toList();
    }

    static Block block(Object[] r) {
        return new Block(((Number) r[0]).longValue(), (String) r[1], new SerialRange(((Number) r[2]).longValue(), ((Number) r[3]).longValue()),
                new Block.Attributes((String) r[4], (String) r[5], SqlValues.date(r[6]), SqlValues.date(r[7]), ((Number) r[8]).intValue(),
                        (UUID) r[9]),
                (UUID) r[10], (Boolean) r[11], (String) r[12], r[13] == null ? null : ((Number) r[13]).longValue(), (UUID) r[14],
                SqlValues.instant(r[15]),
                (UUID) r[16], SqlValues.instant(r[17]));
    }

    /** Refuses a movement whose plan is not complete; used by the checks, which report it with the others. */
    static RuleViolation shortage(Account from, Plan plan) {
        if (!plan.notHeld().isEmpty()) {
            return new RuleViolation(LedgerRule.RANGE_NOT_HELD, "account " + from.number() + " does not hold serials " + plan.notHeld());
        }
        return new RuleViolation(LedgerRule.INSUFFICIENT_UNITS, "account " + from.number() + " holds " + plan.available() + " credits, "
                + plan.quantity() + " were asked for");
    }
}
