package org.jcm.registry.creditissuance.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jcm.registry.creditissuance.ledger.LedgerViews.Balance;
import org.jcm.registry.creditissuance.ledger.LedgerViews.BlockView;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Conservation;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Holdings;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Lineage;
import org.jcm.registry.creditissuance.ledger.LedgerViews.LineageStep;
import org.jcm.registry.creditissuance.ledger.LedgerViews.TransactionPage;
import org.jcm.registry.creditissuance.ledger.LedgerViews.TransactionView;
import org.jcm.registry.platform.persistence.SqlValues;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * Questions auditors ask of the ledger, each one SQL query over the append-only blocks and transactions: holdings as of
 * any instant, the lineage of a serial, the transaction log in keyset pages, conservation.
 */
@ApplicationScoped
public class LedgerQueries {

    private static final String BLOCK_VIEW = """
            SELECT b.id, b.registry_code, lower(b.serials), upper(b.serials) - 1, b.project_reference, b.period_start, b.period_end, b.vintage,
                   a.number, b.origin, b.parent_id, b.opened_by, b.opened_at, b.closed_by, b.closed_at
            FROM unit_block b JOIN account a ON a.id = b.account_id""";

    private static final String TRANSACTION_VIEW = """
            SELECT t.id, t.seq, t.type, t.state, t.registry_code, t.actor, t.at, t.decision, fa.number, ta.number, t.quantity, t.issuance_id,
                   t.reason, t.retirement_purpose, t.beneficiary, t.year_of_use
            FROM ledger_transaction t LEFT JOIN account fa ON fa.id = t.from_account JOIN account ta ON ta.id = t.to_account""";

    private final EntityManager em;

    public LedgerQueries(EntityManager em) {
        this.em = em;
    }

    /** The blocks an account held at {@code asOf}: those opened at or before it and not closed by then. */
    @Transactional
    public Holdings holdings(UUID account, String number, String registry, Instant asOf) {
        List<BlockView> blocks = blocks(BLOCK_VIEW + """
                 WHERE b.account_id = ?1 AND b.opened_at <= ?2 AND (b.closed_at IS NULL OR b.closed_at > ?2)
                ORDER BY b.vintage, lower(b.serials)""", account, asOf);
        return new Holdings(number, registry, asOf, blocks.stream().mapToLong(BlockView::quantity).reduce(0, Math::addExact), blocks);
    }

    /** Every version of a block that ever held {@code serial} of {@code registry}, in order: issued, split, moved, retired, cancelled. */
    @Transactional
    public Lineage lineage(String registry, long serial) {
        List<?> rows = em.createNativeQuery(BLOCK_VIEW.replace("FROM unit_block b JOIN account a ON a.id = b.account_id", """
                , t.type, t.actor, a.type
                FROM unit_block b JOIN account a ON a.id = b.account_id JOIN ledger_transaction t ON t.id = b.opened_by""")
                + " WHERE b.registry_code = ?1 AND b.serials @> CAST(?2 AS bigint) ORDER BY b.opened_at, b.id")
                .setParameter(1, registry).setParameter(2, serial).getResultList();
        if (rows.isEmpty()) {
            throw new RuleViolation(LedgerRule.NO_SUCH_SERIAL, "no block of registry " + registry + " ever held serial " + serial);
        }
        List<LineageStep> steps = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            BlockView block = blockView(r);
            String txType = (String) r[15];
            String step = switch (block.origin()) {
                case "ISSUED" -> "ISSUED";
                case "KEPT" -> "SPLIT";
                default -> switch (txType) {
                    case "RETIREMENT" -> "RETIRED";
                    case "CANCELLATION" -> "CANCELLED";
                    default -> "TRANSFERRED";
                };
            };
            steps.add(new LineageStep(step, txType, block.openedBy(), block.openedAt(), (String) r[16], block));
        }
        return new Lineage(registry, serial, steps);
    }

    @Transactional
    public TransactionView transaction(UUID id) {
        List<TransactionView> found = transactions(TRANSACTION_VIEW + " WHERE t.id = ?1", id);
        return found.stream().findFirst().orElseThrow(() -> new RuleViolation(LedgerRule.NO_SUCH_TRANSACTION, "no transaction " + id));
    }

    /** The transactions of a registry (or of one of its accounts) after sequence number {@code after}, oldest first. */
    @Transactional
    public TransactionPage page(String registry, UUID account, long after, int limit) {
        String where = " WHERE t.registry_code = ?1 AND t.seq > ?2" + (account == null ? "" : " AND (t.from_account = ?4 OR t.to_account = ?4)")
                + " ORDER BY t.seq LIMIT ?3";
        List<TransactionView> page = account == null
                ? transactions(TRANSACTION_VIEW + where, registry, after, limit + 1)
                : transactions(TRANSACTION_VIEW + where, registry, after, limit + 1, account);
        boolean more = page.size() > limit;
        List<TransactionView> shown = more ? page.subList(0, limit) : page;
        return new TransactionPage(List.copyOf(shown), more ? shown.get(shown.size() - 1).seq() : null);
    }

    /**
     * Conservation per registry and per project: every credit issued is now held, retired or cancelled exactly once
     * (the current blocks' sizes add up to what was issued, by account type), and no two current blocks of a registry
     * overlap. Sums are exact (numeric).
     */
    @Transactional
    public Conservation conservation(String registry) {
        String filter = registry == null ? "" : " WHERE registry_code = ?1";
        List<Balance> registries = balances("""
                WITH issued AS (SELECT registry_code, sum(quantity) AS q FROM issuance_line%1$s GROUP BY registry_code),
                     now_held AS (SELECT b.registry_code,
                            sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type IN ('GOVERNMENT_HOLDING', 'ENTITY_HOLDING')) AS held,
                            sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type = 'RETIREMENT') AS retired,
                            sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type = 'CANCELLATION') AS cancelled
                        FROM unit_block b JOIN account a ON a.id = b.account_id WHERE b.closed_by IS NULL GROUP BY b.registry_code)
                SELECT coalesce(i.registry_code, h.registry_code), NULL, coalesce(i.q, 0), coalesce(h.held, 0), coalesce(h.retired, 0),
                       coalesce(h.cancelled, 0)
                FROM issued i FULL JOIN (SELECT * FROM now_held%1$s) h ON h.registry_code = i.registry_code ORDER BY 1""".formatted(filter),
                registry);
        List<Balance> projects = balances(
                """
                        WITH issued AS (SELECT l.registry_code, i.project_reference, sum(l.quantity) AS q
                                FROM issuance_line l JOIN issuance i ON i.id = l.issuance_id%1$s GROUP BY l.registry_code, i.project_reference),
                             now_held AS (SELECT b.registry_code, b.project_reference,
                                    sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type IN ('GOVERNMENT_HOLDING', 'ENTITY_HOLDING')) AS held,
                                    sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type = 'RETIREMENT') AS retired,
                                    sum(upper(b.serials) - lower(b.serials)) FILTER (WHERE a.type = 'CANCELLATION') AS cancelled
                                FROM unit_block b JOIN account a ON a.id = b.account_id WHERE b.closed_by IS NULL%2$s
                                GROUP BY b.registry_code, b.project_reference)
                        SELECT coalesce(i.registry_code, h.registry_code), coalesce(i.project_reference, h.project_reference), coalesce(i.q, 0),
                               coalesce(h.held, 0), coalesce(h.retired, 0), coalesce(h.cancelled, 0)
                        FROM issued i FULL JOIN now_held h ON h.registry_code = i.registry_code AND h.project_reference = i.project_reference
                        ORDER BY 1, 2"""
                        .formatted(registry == null ? "" : " WHERE l.registry_code = ?1", registry == null ? "" : " AND b.registry_code = ?1"),
                registry);
        Query overlapQuery = em.createNativeQuery("""
                SELECT x.registry_code || ': blocks ' || x.id || ' and ' || y.id || ' overlap'
                FROM unit_block x JOIN unit_block y ON x.registry_code = y.registry_code AND x.id < y.id AND x.serials && y.serials
                WHERE x.closed_by IS NULL AND y.closed_by IS NULL""" + (registry == null ? "" : " AND x.registry_code = ?1"));
        if (registry != null) {
            overlapQuery.setParameter(1, registry);
        }
        List<String> overlaps = overlapQuery.getResultList().stream().map(String::valueOf).toList();
        boolean holds = overlaps.isEmpty() && registries.stream().allMatch(Balance::holds) && projects.stream().allMatch(Balance::holds);
        return new Conservation(holds, Instant.now(), registries, projects, overlaps);
    }

    private List<Balance> balances(String sql, String registry) {
        Query q = em.createNativeQuery(sql);
        if (registry != null) {
            q.setParameter(1, registry);
        }
        List<Balance> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            long issued = ((Number) r[2]).longValue();
            long held = ((Number) r[3]).longValue();
            long retired = ((Number) r[4]).longValue();
            long cancelled = ((Number) r[5]).longValue();
            boolean holds = new java.math.BigDecimal(r[2].toString()).equals(new java.math.BigDecimal(r[3].toString())
                    .add(new java.math.BigDecimal(r[4].toString())).add(new java.math.BigDecimal(r[5].toString())));
            out.add(new Balance((String) r[0], (String) r[1], issued, held, retired, cancelled, holds));
        }
        return out;
    }

    private List<TransactionView> transactions(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        List<?> rows = q.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(r -> (UUID) ((Object[]) r)[0]).toArray(UUID[]::new);
        Map<UUID, List<BlockView>> opened = new LinkedHashMap<>();
        blocks(BLOCK_VIEW + " WHERE b.opened_by = ANY(CAST(?1 AS uuid[])) ORDER BY b.id", (Object) ids)
                .forEach(b -> opened.computeIfAbsent(b.openedBy(), k -> new ArrayList<>()).add(b));
        Map<UUID, List<Long>> closed = new LinkedHashMap<>();
        em.createNativeQuery("SELECT closed_by, id FROM unit_block WHERE closed_by = ANY(CAST(?1 AS uuid[])) ORDER BY id").setParameter(1, ids)
                .getResultList().forEach(o -> {
                    Object[] r = (Object[]) o;
                    closed.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(((Number) r[1]).longValue());
                });
        return rows.stream().map(o -> {
            Object[] r = (Object[]) o;
            UUID id = (UUID) r[0];
            return new TransactionView(id, ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    SqlValues.instant(r[6]), (String) r[7], (String) r[8], (String) r[9], ((Number) r[10]).longValue(), (UUID) r[11], (String) r[12],
                    (String) r[13], (String) r[14], r[15] == null ? null : ((Number) r[15]).intValue(), closed.getOrDefault(id, List.of()),
                    opened.getOrDefault(id, List.of()));
        }).toList();
    }

    private List<BlockView> blocks(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getResultList().stream().map(r -> blockView((Object[]) r)).toList();
    }

    private static BlockView blockView(Object[] r) {
        String registry = (String) r[1];
        long start = ((Number) r[2]).longValue();
        long end = ((Number) r[3]).longValue();
        int vintage = ((Number) r[7]).intValue();
        SerialRange range = new SerialRange(start, end);
        return new BlockView(((Number) r[0]).longValue(), Block.display(registry, (String) r[4], vintage, range), registry, start, end, range.size(),
                (String) r[4], SqlValues.date(r[5]), SqlValues.date(r[6]), vintage, (String) r[8], (String) r[9],
                r[10] == null ? null : ((Number) r[10]).longValue(),
                (UUID) r[11], SqlValues.instant(r[12]), (UUID) r[13], SqlValues.instant(r[14]));
    }
}
