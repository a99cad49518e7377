package org.jcm.registry.creditissuance.ledger;

import java.math.BigDecimal;
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
                   a.number, b.origin, b.parent_id, b.opened_by, b.opened_at, b.closed_by, b.closed_at, b.reserved_for
            FROM unit_block b JOIN account a ON a.id = b.account_id""";

    private static final String TRANSACTION_VIEW = """
            SELECT t.id, t.seq, t.type, t.state, t.registry_code, t.actor, t.at, t.decision, fa.number, ta.number, t.quantity, t.issuance_id,
                   t.reason, t.retirement_purpose, t.beneficiary, t.year_of_use, t.transfer_id, t.counterpart_registry
            FROM ledger_transaction t LEFT JOIN account fa ON fa.id = t.from_account LEFT JOIN account ta ON ta.id = t.to_account""";

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
            String txType = (String) r[16];
            String step = switch (block.origin()) {
                case "ISSUED", "RESERVED", "RELEASED", "RECEIVED" -> block.origin();
                case "KEPT" -> "SPLIT";
                default -> switch (txType) {
                    case "RETIREMENT" -> "RETIRED";
                    case "CANCELLATION" -> "CANCELLED";
                    default -> "TRANSFERRED";
                };
            };
            steps.add(new LineageStep(step, txType, block.openedBy(), block.openedAt(), (String) r[17], (String) r[18], block));
        }
        return new Lineage(registry, serial, steps);
    }

    @Transactional
    public TransactionView transaction(UUID id) {
        List<TransactionView> found = transactions(TRANSACTION_VIEW + " WHERE t.id = ?1", id);
        return found.stream().findFirst().orElseThrow(() -> new RuleViolation(LedgerRule.NO_SUCH_TRANSACTION, "no transaction " + id));
    }

    /** The steps of an external transfer, in order. */
    @Transactional
    public List<TransactionView> ofTransfer(UUID transfer) {
        return transactions(TRANSACTION_VIEW + " WHERE t.transfer_id = ?1 ORDER BY t.seq", transfer);
    }

    /**
     * The transactions of a registry (or of one of its accounts) after sequence number {@code after}, oldest first: with
     * the steps of external transfers it sends and those it receives.
     */
    @Transactional
    public TransactionPage page(String registry, UUID account, long after, int limit) {
        // A registry's log: each side by its own index, a page from each, merged (an OR would sort the whole log). An
        // account's: its transactions by the from/to indexes, in the registry's log.
        String where = account == null
                ? " WHERE t.seq IN (SELECT seq FROM ((SELECT seq FROM ledger_transaction WHERE registry_code = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3)"
                        + " UNION ALL (SELECT seq FROM ledger_transaction WHERE counterpart_registry = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3)) sides)"
                : " WHERE (t.registry_code = ?1 OR t.counterpart_registry = ?1) AND t.seq > ?2 AND (t.from_account = ?4 OR t.to_account = ?4)";
        where += " ORDER BY t.seq LIMIT ?3";
        List<TransactionView> page = account == null
                ? transactions(TRANSACTION_VIEW + where, registry, after, limit + 1)
                : transactions(TRANSACTION_VIEW + where, registry, after, limit + 1, account);
        boolean more = page.size() > limit;
        List<TransactionView> shown = more ? page.subList(0, limit) : page;
        return new TransactionPage(List.copyOf(shown), more ? shown.get(shown.size() - 1).seq() : null);
    }

    /**
     * Conservation per registry and per project: issued + received from other registries = held + retired + cancelled +
     * transferred out to other registries, where a registry holds what its accounts hold (reserved blocks included: they
     * are in flight, still on the sending side); and no serial is held twice (no two current blocks of one issuing
     * registry overlap, wherever they are held). Sums are exact (numeric).
     */
    @Transactional
    public Conservation conservation(String registry) {
        List<Balance> registries = balances("CAST(NULL AS text)", registry);
        List<Balance> projects = balances("p", registry);
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

    /** Every flow into and out of a registry (by the holding account's registry), summed per registry or per (registry, project). */
    private static final String FLOWS = """
            WITH ext AS (SELECT id, registry_code, counterpart_registry FROM ledger_transaction
                         WHERE type = 'EXTERNAL_TRANSFER' AND state = 'COMPLETED'),
            flows (r, p, issued, received, held, reserved, retired, cancelled, sent) AS (
                SELECT l.registry_code, i.project_reference, l.quantity, 0, 0, 0, 0, 0, 0
                FROM issuance_line l JOIN issuance i ON i.id = l.issuance_id
                UNION ALL
                SELECT a.registry_code, b.project_reference, 0, 0,
                       CASE WHEN a.type IN ('GOVERNMENT_HOLDING', 'ENTITY_HOLDING') THEN upper(b.serials) - lower(b.serials) ELSE 0 END,
                       CASE WHEN b.reserved_for IS NOT NULL THEN upper(b.serials) - lower(b.serials) ELSE 0 END,
                       CASE WHEN a.type = 'RETIREMENT' THEN upper(b.serials) - lower(b.serials) ELSE 0 END,
                       CASE WHEN a.type = 'CANCELLATION' THEN upper(b.serials) - lower(b.serials) ELSE 0 END, 0
                FROM unit_block b JOIN account a ON a.id = b.account_id WHERE b.closed_by IS NULL
                UNION ALL
                SELECT e.counterpart_registry, b.project_reference, 0, upper(b.serials) - lower(b.serials), 0, 0, 0, 0, 0
                FROM ext e JOIN unit_block b ON b.opened_by = e.id
                UNION ALL
                SELECT e.registry_code, b.project_reference, 0, 0, 0, 0, 0, 0, upper(b.serials) - lower(b.serials)
                FROM ext e JOIN unit_block b ON b.closed_by = e.id)
            SELECT r, %s, sum(issued), sum(received), sum(held), sum(reserved), sum(retired), sum(cancelled), sum(sent)
            FROM flows WHERE ?1 = '' OR r = ?1 GROUP BY 1, 2 ORDER BY 1, 2""";

    private List<Balance> balances(String project, String registry) {
        Query q = em.createNativeQuery(FLOWS.formatted(project)).setParameter(1, registry == null ? "" : registry);
        List<Balance> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            BigDecimal[] n = new BigDecimal[7];
            for (int i = 0; i < 7; i++) {
                n[i] = new BigDecimal(r[i + 2].toString());
            }
            boolean holds = n[0].add(n[1]).equals(n[2].add(n[4]).add(n[5]).add(n[6]));
            out.add(new Balance((String) r[0], (String) r[1], n[0].longValueExact(), n[1].longValueExact(), n[2].longValueExact(),
                    n[3].longValueExact(), n[4].longValueExact(), n[5].longValueExact(), n[6].longValueExact(), holds));
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
                    (String) r[13], (String) r[14], r[15] == null ? null : ((Number) r[15]).intValue(), (UUID) r[16], (String) r[17],
                    closed.getOrDefault(id, List.of()), opened.getOrDefault(id, List.of()));
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
                (UUID) r[11], SqlValues.instant(r[12]), (UUID) r[13], SqlValues.instant(r[14]), (UUID) r[15]);
    }
}
