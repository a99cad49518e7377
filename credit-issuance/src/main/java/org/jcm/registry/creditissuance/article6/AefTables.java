package org.jcm.registry.creditissuance.article6;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jcm.registry.creditissuance.ledger.LedgerViews.Article6State;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.platform.persistence.SqlValues;
import org.jcm.registry.platform.report.Table;

/**
 * The Party's agreed electronic format (AEF) tables of decision 4/CMA.6 for one registry and year, from the append-only
 * ledger: authorizations, actions (first transfer, transfer, acquisition, use, cancellation) and holdings, the true
 * position at the end of the year (or at {@code asOf}, if earlier), only ITMOs, each row a range of serials with its first
 * and last ITMO identifier. Actions and holdings read only what was recorded by the instant they report (the year's end,
 * or {@code asOf} if earlier), so they are the same whenever they are asked again; authorizations are those dated in the
 * year, as recorded by {@code asOf} (a Party may record an authorization after the year it is dated in).
 */
@ApplicationScoped
public class AefTables {

    /** The ranges of ITMOs the tables list: serials of an issuing registry, its Article 6 registry id and Party. */
    private static final String ITMO = "b_registry, b_start, b_end, b_vintage, ir.article6_registry_id, ir.alpha3";

    private final EntityManager em;
    private final Itmos itmos;

    public AefTables(EntityManager em, Itmos itmos) {
        this.em = em;
        this.itmos = itmos;
    }

    /** The instant a table of {@code year} describes: the end of the year (UTC), or {@code asOf} if it is earlier. */
    public static Instant cutoff(int year, Instant asOf) {
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.MICROS);
        return asOf != null && asOf.isBefore(end) ? asOf : end;
    }

    private static Instant start(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The authorizations the registry's Party gave in the year (by their date, which may precede their recording here), as
     * recorded by {@code asOf} (now, if absent); one row per authorized range.
     */
    @Transactional
    public Table authorizations(String registry, int year, Instant asOf) {
        Instant at = asOf == null ? Instant.now() : asOf;
        return table(List.of("registry", "year", "authorization", "authorizedOn", "uses", "firstTransferDefinition", "source", "firstItmo",
                "lastItmo", "quantity", "vintage"),
                """
                        SELECT au.reference, au.authorized_on, concat_ws(' ', CASE WHEN au.ndc THEN 'NDC' END, CASE WHEN au.oimp THEN 'OIMP' END),
                               au.first_transfer, au.source,
                               ar.registry_code AS b_registry, lower(ar.serials) AS b_start, upper(ar.serials) - 1 AS b_end, ar.vintage AS b_vintage,
                               ir.article6_registry_id, ir.alpha3
                        FROM article6_authorization au JOIN authorized_range ar ON ar.authorization_id = au.id JOIN registry ir ON ir.code = ar.registry_code
                        WHERE au.registry_code = :registry AND au.source <> 'TRANSFER' AND au.authorized_on >= :from AND au.authorized_on < :to
                          AND au.recorded_at <= :at
                        ORDER BY au.seq, lower(ar.serials)""",
                Map.of("registry", registry, "from", LocalDate.of(year, 1, 1), "to", LocalDate.of(year + 1, 1, 1),
                        "at", at),
                5, r -> new Object[]{registry, year, r[0], SqlValues.date(r[1]).toString(), r[2], r[3], r[4]});
    }

    /**
     * The year's actions on ITMOs by the registry's Party: FIRST_TRANSFER (of its authorized units, at the act their
     * authorization names), TRANSFER (to another Party's registry), ACQUISITION (from another Party's registry), USE
     * (retirement) and CANCELLATION.
     */
    @Transactional
    public Table actions(String registry, int year, Instant asOf) {
        Instant at = cutoff(year, asOf);
        String authorized = """
                JOIN authorized_range ar ON ar.registry_code = b.registry_code AND ar.serials @> b.serials
                JOIN article6_authorization au ON au.id = ar.authorization_id""";
        String uses = "concat_ws(' ', CASE WHEN au.ndc THEN 'NDC' END, CASE WHEN au.oimp THEN 'OIMP' END)";
        String sql = """
                SELECT * FROM (
                    SELECT 'FIRST_TRANSFER' AS action, f.at, f.transaction_id, f.act AS detail, ir.alpha3 AS transferring,
                           (SELECT cr.alpha3 FROM ledger_transaction t JOIN registry cr ON cr.code = t.counterpart_registry
                            WHERE t.id = f.transaction_id AND t.type = 'EXTERNAL_TRANSFER') AS acquiring,
                           %2$s AS purpose, au.first_transfer, NULL AS project,
                           f.registry_code AS b_registry, lower(f.serials) AS b_start, upper(f.serials) - 1 AS b_end, ar.vintage AS b_vintage
                    FROM first_transfer f JOIN authorized_range ar ON ar.registry_code = f.registry_code AND ar.serials @> f.serials
                         JOIN article6_authorization au ON au.id = ar.authorization_id JOIN registry ir ON ir.code = f.registry_code
                    WHERE f.registry_code = :registry AND f.at >= :from AND f.at <= :at
                    UNION ALL
                    SELECT CASE WHEN t.registry_code = :registry THEN 'TRANSFER' ELSE 'ACQUISITION' END, t.at, t.id, NULL, sr.alpha3, cr.alpha3,
                           %2$s, au.first_transfer, b.project_reference,
                           b.registry_code, lower(b.serials), upper(b.serials) - 1, b.vintage
                    FROM ledger_transaction t JOIN registry sr ON sr.code = t.registry_code JOIN registry cr ON cr.code = t.counterpart_registry
                         JOIN unit_block b ON (t.registry_code = :registry AND b.closed_by = t.id AND b.reserved_for IS NOT NULL)
                                           OR (t.counterpart_registry = :registry AND b.opened_by = t.id)
                         %1$s
                    WHERE t.type = 'EXTERNAL_TRANSFER' AND t.state = 'COMPLETED' AND (t.registry_code = :registry OR t.counterpart_registry = :registry)
                      AND t.at >= :from AND t.at <= :at
                    UNION ALL
                    SELECT CASE t.type WHEN 'RETIREMENT' THEN 'USE' ELSE 'CANCELLATION' END, t.at, t.id, coalesce(t.retirement_purpose, t.reason),
                           hr.alpha3, NULL, %2$s, au.first_transfer, b.project_reference,
                           b.registry_code, lower(b.serials), upper(b.serials) - 1, b.vintage
                    FROM ledger_transaction t JOIN unit_block b ON b.opened_by = t.id AND b.origin = 'MOVED'
                         JOIN account a ON a.id = b.account_id JOIN registry hr ON hr.code = a.registry_code
                         %1$s
                    WHERE t.type IN ('RETIREMENT', 'CANCELLATION') AND a.registry_code = :registry AND t.at >= :from AND t.at <= :at
                      AND ar.recorded_at <= t.at) x
                JOIN registry ir ON ir.code = x.b_registry
                ORDER BY x.at, x.action, x.b_registry, x.b_start"""
                .formatted(authorized, uses);
        return table(List.of("registry", "year", "action", "date", "transaction", "detail", "transferringParty", "acquiringParty", "purpose",
                "firstTransferDefinition", "project", "firstItmo", "lastItmo", "quantity", "vintage"),
                sql.replace("SELECT * FROM (", "SELECT x.action, x.at, x.transaction_id, x.detail, x.transferring, x.acquiring, x.purpose, "
                        + "x.first_transfer, x.project, " + ITMO.replace("b_", "x.b_") + " FROM ("),
                Map.of("registry", registry, "from", start(year), "at", at), 9,
                r -> new Object[]{registry, year, r[0], SqlValues.instant(r[1]).toString(), r[2].toString(), r[3], r[4], r[5], r[6], r[7], r[8]});
    }

    /**
     * Each block's Article 6 state at {@code :at}, for ITMOs only (blocks whose serials an authorization recorded by then
     * covers): its id, state, first transfer (act, time), whether adjusted, authorization (reference, uses, definition),
     * project, holding account type, then its ITMO range columns (from index {@value #STATE_ITMO_AT} on).
     */
    private static final String STATES = """
            SELECT b.id,
                   CASE WHEN a.type = 'RETIREMENT' THEN 'USED' WHEN a.type = 'CANCELLATION' THEN 'CANCELLED'
                        WHEN ir.country_code <> hr.country_code THEN 'ACQUIRED' WHEN ft.act IS NOT NULL THEN 'FIRST_TRANSFERRED'
                        ELSE 'AUTHORIZED' END,
                   ft.act, ft.at,
                   coalesce((SELECT range_agg(c.serials) FROM corresponding_adjustment c
                             WHERE c.registry_code = b.registry_code AND c.serials && b.serials AND c.recorded_at <= :at) @> b.serials, false),
                   au.reference, au.ndc, au.oimp, au.first_transfer, b.project_reference, a.type,
                   b.registry_code AS b_registry, lower(b.serials) AS b_start, upper(b.serials) - 1 AS b_end, b.vintage AS b_vintage,
                   ir.article6_registry_id, ir.alpha3
            FROM unit_block b JOIN account a ON a.id = b.account_id JOIN registry hr ON hr.code = a.registry_code
                 JOIN registry ir ON ir.code = b.registry_code
                 JOIN authorized_range ar ON ar.registry_code = b.registry_code AND ar.serials @> b.serials AND ar.recorded_at <= :at
                 JOIN article6_authorization au ON au.id = ar.authorization_id
                 LEFT JOIN first_transfer ft ON ft.registry_code = b.registry_code AND ft.serials @> b.serials AND ft.at <= :at
            WHERE %s""";

    private static final int STATE_ITMO_AT = 11;

    /**
     * What the registry's accounts held of ITMOs at the end of the year (or at {@code asOf}, if earlier), with each range's
     * Article 6 state then: AUTHORIZED, FIRST_TRANSFERRED, ACQUIRED (from another Party), USED or CANCELLED, and whether
     * the corresponding adjustment was applied.
     */
    @Transactional
    public Table holdings(String registry, int year, Instant asOf) {
        Instant at = cutoff(year, asOf);
        return table(List.of("registry", "year", "asOf", "accountType", "state", "firstTransferred", "adjustmentApplied", "authorization", "uses",
                "firstTransferDefinition", "project", "firstItmo", "lastItmo", "quantity", "vintage"),
                STATES.formatted("a.registry_code = :registry AND b.opened_at <= :at AND (b.closed_at IS NULL OR b.closed_at > :at)")
                        + " ORDER BY b.registry_code, lower(b.serials)",
                Map.of("registry", registry, "at", at), STATE_ITMO_AT,
                r -> new Object[]{registry, year, at.toString(), r[10], r[1], r[2] != null, r[4],
                        r[5], String.join(" ", uses(r[6], r[7])), r[8], r[9]});
    }

    /** The Article 6 state at {@code at} of each of the blocks {@code ids} that are ITMOs then, by block id. */
    @Transactional
    public Map<Long, Article6State> states(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Article6State> states = new java.util.HashMap<>();
        Query q = em.createNativeQuery(STATES.formatted("b.id = ANY(CAST(:ids AS bigint[]))")).setParameter("ids", ids.toArray(Long[]::new))
                .setParameter("at", at);
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            int vintage = ((Number) r[STATE_ITMO_AT + 3]).intValue();
            String a6 = (String) r[STATE_ITMO_AT + 4];
            String alpha3 = (String) r[STATE_ITMO_AT + 5];
            states.put(((Number) r[0]).longValue(), new Article6State((String) r[5], uses(r[6], r[7]), (String) r[8], (String) r[1], (String) r[2],
                    SqlValues.instant(r[3]), (Boolean) r[4], itmos.id(a6, alpha3, ((Number) r[STATE_ITMO_AT + 1]).longValue(), vintage),
                    itmos.id(a6, alpha3, ((Number) r[STATE_ITMO_AT + 2]).longValue(), vintage)));
        }
        return states;
    }

    /** The uses an authorization's flags name: NDC, OIMP. */
    static List<String> uses(Object ndc, Object oimp) {
        List<String> uses = new ArrayList<>();
        if (Boolean.TRUE.equals(ndc)) {
            uses.add("NDC");
        }
        if (Boolean.TRUE.equals(oimp)) {
            uses.add("OIMP");
        }
        return uses;
    }

    /**
     * Runs {@code sql}, whose columns from {@code itmoAt} on are the range's issuing registry, first and last serial,
     * vintage, Article 6 registry id and Party; {@code lead} makes the leading columns of each row; the range adds
     * firstItmo, lastItmo, quantity and vintage.
     */
    private Table table(List<String> columns, String sql, Map<String, Object> params, int itmoAt, Function<Object[], Object[]> lead) {
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        List<List<Object>> rows = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            SerialRange range = new SerialRange(((Number) r[itmoAt + 1]).longValue(), ((Number) r[itmoAt + 2]).longValue());
            int vintage = ((Number) r[itmoAt + 3]).intValue();
            String a6 = (String) r[itmoAt + 4];
            String alpha3 = (String) r[itmoAt + 5];
            List<Object> row = new ArrayList<>(Arrays.asList(lead.apply(r)));
            row.add(itmos.id(a6, alpha3, range.start(), vintage));
            row.add(itmos.id(a6, alpha3, range.end(), vintage));
            row.add(range.size());
            row.add(vintage);
            rows.add(row);
        }
        return new Table(columns, rows);
    }
}
