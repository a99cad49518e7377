package org.jcm.registry.creditissuance.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jcm.registry.creditissuance.account.Account;
import org.jcm.registry.platform.persistence.SqlValues;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * The only writer of serial blocks and ledger transactions. Blocks are never changed: a transaction closes the blocks it
 * moves or splits (once) and opens their successors, so every past holding stays a query. Callers hold the sending
 * account's lock (see {@code AccountRepository.lockForMovement}); the registry's serial counter is locked by its own update.
 * A block keeps its issuing registry (the space of its serials) wherever it goes; a reserved block is closed only by a
 * step of the transfer that reserved it (the database refuses anything else).
 */
@ApplicationScoped
public class Ledger {

    static final String BLOCK_COLUMNS = """
            id, registry_code, lower(serials), upper(serials) - 1, project_id, project_reference, period_start, period_end, vintage,
            issuance_id, account_id, (SELECT x.number FROM account x WHERE x.id = account_id), final, origin, parent_id, opened_by, opened_at,
            closed_by, closed_at, reserved_for""";

    /** The blocks a movement may take: open, and not reserved for an external transfer. */
    private static final String FREE = "closed_by IS NULL AND reserved_for IS NULL";

    private final EntityManager em;

    public Ledger(EntityManager em) {
        this.em = em;
    }

    /** What a transaction did: recorded in {@code state}, the blocks it closed and the blocks it opened, at its time. */
    public record Completed(LedgerTransaction transaction, String state, long seq, Instant at, List<Long> closed, List<Block> opened) {}

    /** A block arriving from an external registry: its issuing registry, serials and attributes, kept as they were. */
    public record Arrival(String registryCode, SerialRange range, Block.Attributes attributes) {}

    /** Who holds an opened block. */
    private record Holder(UUID id, String number, boolean isFinal) {

        static Holder of(Account a) {
            return new Holder(a.id(), a.number(), a.type().isFinal());
        }

        static Holder of(Block b) {
            return new Holder(b.accountId(), b.accountNumber(), b.held());
        }
    }

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
        return write(tx, "COMPLETED", List.of(), List.of(new Opening(tx.registryCode(), serials, attributes, Holder.of(tx.to()), "ISSUED", null,
                null)));
    }

    /**
     * Works out which free blocks of {@code from} a selection takes, without changing anything: by quantity, oldest
     * vintage first, then lowest serial, each block giving its lower serials; by ranges, exactly the serials named.
     * Blocks reserved for an external transfer are not free.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Plan plan(Account from, Selection selection) {
        Plan plan = plan(selection, "account_id = :account AND " + FREE, Map.of("account", from.id()), from.registryCode());
        // What the account holds is read only to explain a refusal: a complete plan does not need it.
        return plan.complete() ? plan : plan.withAvailable(balance(from.id()));
    }

    /**
     * Plans the blocks of {@code filter} (SQL over {@code unit_block b}, with named {@code params}) a selection takes, as
     * {@link #plan(Account, Selection)} does for one account; ranges name serials of {@code issuer} unless they say otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Plan plan(Selection selection, String filter, Map<String, Object> params, String issuer) {
        return selection instanceof Selection.Ranges ranges
                ? planRanges(ranges, filter, params, ranges.registry() == null ? issuer : ranges.registry())
                : planQuantity(((Selection.Quantity) selection).quantity(), filter, params);
    }

    private Plan planQuantity(long quantity, String filter, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("quantity", quantity);
        List<Block> blocks = blocks("""
                SELECT %s FROM (
                    SELECT b.*, sum(upper(serials) - lower(serials)) OVER (ORDER BY vintage, registry_code, lower(serials)) AS running
                    FROM unit_block b WHERE %s) held
                WHERE running - (upper(serials) - lower(serials)) < :quantity
                ORDER BY vintage, registry_code, lower(serials)""".formatted(BLOCK_COLUMNS, filter), all);
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

    private Plan planRanges(Selection.Ranges selection, String filter, Map<String, Object> params, String issuer) {
        Map<Long, Block> touched = new LinkedHashMap<>();
        Map<Long, List<SerialRange>> moved = new LinkedHashMap<>();
        List<SerialRange> notHeld = new ArrayList<>();
        for (SerialRange wanted : selection.ranges()) {
            Map<String, Object> all = new LinkedHashMap<>(params);
            all.put("start", wanted.start());
            all.put("end", wanted.end());
            all.put("issuer", issuer);
            List<SerialRange> found = new ArrayList<>();
            for (Block b : blocks("SELECT " + BLOCK_COLUMNS + " FROM unit_block b WHERE " + filter
                    + " AND registry_code = :issuer AND serials && int8range(:start, :end, '[]') ORDER BY lower(serials)", all)) {
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
        return replace(tx, "COMPLETED", plan, Holder.of(tx.to()), "MOVED", null);
    }

    /**
     * The first step of an external transfer: records it PROPOSED and reserves the planned serials in the sending
     * account (as blocks of their own, origin RESERVED, split from what the account keeps free).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed reserve(LedgerTransaction tx, Plan plan) {
        return replace(tx, "PROPOSED", plan, Holder.of(tx.from()), "RESERVED", tx.transferId());
    }

    /**
     * The receiving side accepted: debits the reserved blocks and, if the receiving account is kept here, credits them to
     * it with their serials, issuing registry and attributes unchanged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed settle(LedgerTransaction tx, List<Block> reserved) {
        Holder to = tx.to() == null ? null : Holder.of(tx.to());
        return replace(tx, "COMPLETED", whole(reserved), to, "MOVED", null);
    }

    /** The transfer was rejected, expired or cancelled: its reserved blocks are free again in the sending account. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed release(LedgerTransaction tx, List<Block> reserved) {
        return replace(tx, "REJECTED", whole(reserved), null, "RELEASED", null);
    }

    /** Credits blocks arriving from an external registry to the receiving account, keeping their serials and attributes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed receive(LedgerTransaction tx, List<Arrival> arrivals) {
        List<Opening> openings = arrivals.stream()
                .map(a -> new Opening(a.registryCode(), a.range(), a.attributes(), Holder.of(tx.to()), "RECEIVED", null, null)).toList();
        return write(tx, "COMPLETED", List.of(), openings);
    }

    /** Records a transaction that moves nothing and touches no block: a refused proposal from an external registry. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed refuse(LedgerTransaction tx) {
        return write(tx, "REJECTED", List.of(), List.of());
    }

    /** Splits the planned blocks where they hold, so that the planned serials become whole blocks (an authorization). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completed split(LedgerTransaction tx, Plan plan) {
        return replace(tx, "COMPLETED", plan, null, "KEPT", null);
    }

    /** The open blocks reserved for an external transfer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Block> reservedFor(UUID transferId) {
        return blocks("SELECT " + BLOCK_COLUMNS + " FROM unit_block b WHERE reserved_for = :transfer AND closed_by IS NULL ORDER BY id",
                Map.of("transfer", transferId));
    }

    /**
     * Records the transaction, closes every block the plan touches and opens each moved part in {@code to} (or where the
     * block was, if null; nowhere at all for a block settled to an external registry) and each kept part where it was.
     */
    private Completed replace(LedgerTransaction tx, String state, Plan plan, Holder to, String movedOrigin, UUID reservedFor) {
        if (!plan.complete() || plan.moving() != tx.quantity()) {
            throw new IllegalStateException("An incomplete plan reached the ledger: " + plan);
        }
        List<Long> closed = plan.splits().stream().map(s -> s.block().id()).toList();
        boolean leaves = tx.type() == TransactionType.EXTERNAL_TRANSFER && "COMPLETED".equals(state) && to == null;
        List<Opening> openings = new ArrayList<>();
        for (Plan.Split s : plan.splits()) {
            Block b = s.block();
            for (SerialRange r : s.moved()) {
                if (!leaves) {
                    openings.add(new Opening(b.registryCode(), r, b.attributes(), to == null ? Holder.of(b) : to, movedOrigin, b.id(), reservedFor));
                }
            }
            for (SerialRange r : s.kept()) {
                openings.add(new Opening(b.registryCode(), r, b.attributes(), Holder.of(b), "KEPT", b.id(), null));
            }
        }
        return write(tx, state, closed, openings);
    }

    /** A plan that takes each block whole. */
    private static Plan whole(List<Block> blocks) {
        List<Plan.Split> splits = blocks.stream().map(b -> new Plan.Split(b, List.of(b.range()), List.of())).toList();
        long quantity = blocks.stream().mapToLong(Block::size).reduce(0, Math::addExact);
        return new Plan(splits, quantity, -1, List.of());
    }

    /** Whether any of {@code serials} of issuing registry {@code registry} is held (or reserved) in a registry kept here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean heldAnywhere(String registry, SerialRange serials) {
        return !em
                .createNativeQuery(
                        "SELECT 1 FROM unit_block WHERE registry_code = ?1 AND serials && int8range(?2, ?3, '[]') AND closed_by IS NULL LIMIT 1")
                .setParameter(1, registry).setParameter(2, serials.start()).setParameter(3, serials.end()).getResultList().isEmpty();
    }

    /** What the account holds now, reserved or not. */
    public long balance(UUID account) {
        return ((Number) em
                .createNativeQuery(
                        "SELECT coalesce(sum(upper(serials) - lower(serials)), 0) FROM unit_block WHERE account_id = ?1 AND closed_by IS NULL")
                .setParameter(1, account).getSingleResult()).longValue();
    }

    /** A block to open: its serials of issuing registry {@code registryCode}, attributes, holder, origin and lineage. */
    private record Opening(String registryCode, SerialRange range, Block.Attributes attributes, Holder holder, String origin, Long parent,
            UUID reservedFor) {}

    /** Parameters ?1 to ?16 are the transaction's, ?17 the ids of the blocks it closes; each opening has 14 from ?18 on. */
    private static final int FIRST_OPENING_PARAMETER = 18;
    private static final int OPENING_COLUMNS = 14;

    /**
     * Writes a transaction in one statement, one round trip to the database however many blocks it touches: records it in
     * {@code state} at the database's clock (read as it is inserted, after the locks are held, so a block's successors never
     * open before it), closes the blocks {@code closed} and opens {@code openings} at that time. The closing runs before the
     * opening (the opening's time, {@code after_closing}, waits for the count of closed rows), so the exclusion constraint
     * on open serials sees the closed versions gone. Opened ids come back with their issuing registry and first serial, which identify an open
     * block (no two open blocks of a registry overlap), so each id is matched to its block whatever order the rows return in.
     */
    private Completed write(LedgerTransaction tx, String state, List<Long> closed, List<Opening> openings) {
        StringBuilder sql = new StringBuilder("""
                WITH tx AS (
                    INSERT INTO ledger_transaction (id, registry_code, type, state, actor, at, decision, from_account, to_account, quantity,
                        issuance_id, reason, retirement_purpose, beneficiary, year_of_use, transfer_id, counterpart_registry)
                    VALUES (?1, ?2, ?3, ?4, ?5, clock_timestamp(), ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING seq, at),
                closed AS (
                    UPDATE unit_block SET closed_by = ?1, closed_at = (SELECT at FROM tx)
                    WHERE id = ANY(CAST(?17 AS bigint[])) AND closed_by IS NULL RETURNING id),
                after_closing AS (SELECT at FROM tx WHERE (SELECT count(*) FROM closed) >= 0)""");
        if (!openings.isEmpty()) {
            sql.append("""
                    ,
                    opened AS (
                        INSERT INTO unit_block (registry_code, serials, project_id, project_reference, period_start, period_end, vintage,
                            issuance_id, account_id, final, origin, parent_id, opened_by, opened_at, reserved_for) VALUES """);
            for (int i = 0; i < openings.size(); i++) {
                int p = FIRST_OPENING_PARAMETER + i * OPENING_COLUMNS;
                sql.append(i == 0 ? "" : ", ").append(
                        "(?%d, int8range(?%d, ?%d, '[]'), ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?1, (SELECT at FROM after_closing), ?%d)"
                                .formatted(p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11, p + 12, p + 13));
            }
            sql.append(" RETURNING id, registry_code, lower(serials))");
        }
        sql.append(openings.isEmpty()
                ? " SELECT seq, at, (SELECT count(*) FROM closed), NULL, NULL, NULL FROM tx"
                : " SELECT seq, at, (SELECT count(*) FROM closed), o.id, o.registry_code, o.lower FROM tx LEFT JOIN opened o ON true");
        LedgerTransaction.Retirement retirement = tx.retirement();
        Query write = em.createNativeQuery(sql.toString())
                .setParameter(1, tx.id()).setParameter(2, tx.registryCode()).setParameter(3, tx.type().name()).setParameter(4, state)
                .setParameter(5, tx.actor()).setParameter(6, tx.decision())
                .setParameter(7, tx.from() == null ? null : tx.from().id()).setParameter(8, tx.to() == null ? null : tx.to().id())
                .setParameter(9, tx.quantity()).setParameter(10, tx.issuanceId()).setParameter(11, tx.reason())
                .setParameter(12, retirement == null ? null : retirement.purpose())
                .setParameter(13, retirement == null ? null : retirement.beneficiary())
                .setParameter(14, retirement == null ? null : retirement.yearOfUse()).setParameter(15, tx.transferId())
                .setParameter(16, tx.counterpartRegistry()).setParameter(17, closed.toArray(Long[]::new));
        for (int i = 0; i < openings.size(); i++) {
            Opening o = openings.get(i);
            Block.Attributes a = o.attributes();
            int p = FIRST_OPENING_PARAMETER + i * OPENING_COLUMNS;
            write.setParameter(p, o.registryCode()).setParameter(p + 1, o.range().start()).setParameter(p + 2, o.range().end())
                    .setParameter(p + 3, a.projectId()).setParameter(p + 4, a.projectReference()).setParameter(p + 5, a.periodStart())
                    .setParameter(p + 6, a.periodEnd()).setParameter(p + 7, a.vintage()).setParameter(p + 8, a.issuanceId())
                    .setParameter(p + 9, o.holder().id()).setParameter(p + 10, o.holder().isFinal()).setParameter(p + 11, o.origin())
                    .setParameter(p + 12, o.parent()).setParameter(p + 13, o.reservedFor());
        }
        List<?> rows = write.getResultList();
        Object[] head = (Object[]) rows.get(0);
        long seq = ((Number) head[0]).longValue();
        Instant at = SqlValues.instant(head[1]);
        if (((Number) head[2]).intValue() != closed.size()) {
            throw new IllegalStateException(
                    "Blocks " + closed + " moved under transaction " + tx.id() + " were not all open: the sender was not locked");
        }
        Map<String, Long> ids = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (r[3] != null) {
                ids.put(r[4] + ":" + r[5], ((Number) r[3]).longValue());
            }
        }
        List<Block> opened = new ArrayList<>(openings.size());
        for (Opening o : openings) {
            Long id = ids.get(o.registryCode() + ":" + o.range().start());
            if (id == null) {
                throw new IllegalStateException("Block " + o.registryCode() + " " + o.range() + " opened by " + tx.id() + " did not come back");
            }
            opened.add(new Block(id, o.registryCode(), o.range(), o.attributes(), o.holder().id(), o.holder().number(), o.holder().isFinal(),
                    o.origin(), o.parent(), tx.id(), at, null, null, o.reservedFor()));
        }
        return new Completed(tx, state, seq, at, closed, opened);
    }

    /** The database's clock, read after the locks are held, so a block's successors never open before it. */
    public Instant now() {
        return SqlValues.instant(em.createNativeQuery("SELECT clock_timestamp()").getSingleResult());
    }

    List<Block> blocks(String sql, Map<String, Object> params) {
        Query query = em.createNativeQuery(sql);
        params.forEach(query::setParameter);
        List<?> rows = query.getResultList();
        return rows.stream().map(r -> block((Object[]) r)).toList();
    }

    static Block block(Object[] r) {
        return new Block(((Number) r[0]).longValue(), (String) r[1], new SerialRange(((Number) r[2]).longValue(), ((Number) r[3]).longValue()),
                new Block.Attributes((String) r[4], (String) r[5], SqlValues.date(r[6]), SqlValues.date(r[7]), ((Number) r[8]).intValue(),
                        (UUID) r[9]),
                (UUID) r[10], (String) r[11], (Boolean) r[12], (String) r[13], r[14] == null ? null : ((Number) r[14]).longValue(), (UUID) r[15],
                SqlValues.instant(r[16]), (UUID) r[17], SqlValues.instant(r[18]), (UUID) r[19]);
    }

    /** Refuses a movement whose plan is not complete; used by the checks, which report it with the others. */
    static RuleViolation shortage(Account from, Plan plan) {
        if (!plan.notHeld().isEmpty()) {
            return new RuleViolation(LedgerRule.RANGE_NOT_HELD, "account " + from.number() + " does not hold serials " + plan.notHeld()
                    + " free of reservations");
        }
        return new RuleViolation(LedgerRule.INSUFFICIENT_UNITS, "account " + from.number() + " holds " + plan.available() + " credits, "
                + plan.quantity() + " were asked for, and only credits not reserved for a pending external transfer move");
    }
}
