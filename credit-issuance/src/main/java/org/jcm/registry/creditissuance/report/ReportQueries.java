package org.jcm.registry.creditissuance.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.creditissuance.ledger.Block;
import org.jcm.registry.creditissuance.ledger.LedgerViews.Lineage;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.platform.persistence.SqlValues;
import org.jcm.registry.platform.report.Table;

/**
 * The registry's public reports, what the JCM registry publishes today as PDFs: holdings by account type, the annual
 * transaction summary, issuance totals per project and vintage. Each one query over the append-only ledger; sums exact.
 */
@ApplicationScoped
public class ReportQueries {

    /** Later than any instant a ledger records (PostgreSQL's timestamptz ends in 294276). */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final EntityManager em;

    public ReportQueries(EntityManager em) {
        this.em = em;
    }

    /** Per account type of a registry, at {@code asOf}: the accounts open then and the credits they held. */
    @Transactional
    public Table holdings(String registry, Instant asOf) {
        List<?> rows = em
                .createNativeQuery(
                        """
                                SELECT t.type, (SELECT count(*) FROM account a WHERE a.registry_code = ?1 AND a.type = t.type AND a.opened_at <= ?2),
                                       coalesce((SELECT sum(upper(b.serials) - lower(b.serials)) FROM unit_block b JOIN account a ON a.id = b.account_id
                                                 WHERE a.registry_code = ?1 AND a.type = t.type AND b.opened_at <= ?2 AND (b.closed_at IS NULL OR b.closed_at > ?2)), 0)
                                FROM (VALUES (1, 'GOVERNMENT_HOLDING'), (2, 'ENTITY_HOLDING'), (3, 'CANCELLATION'), (4, 'RETIREMENT')) AS t(n, type)
                                ORDER BY t.n""")
                .setParameter(1, registry).setParameter(2, asOf).getResultList();
        return new Table(List.of("registry", "asOf", "accountType", "accounts", "quantity"), rows.stream().map(r -> {
            Object[] o = (Object[]) r;
            return List.<Object>of(registry, asOf.toString(), o[0], ((Number) o[1]).longValue(), o[2]);
        }).toList());
    }

    /**
     * Per transaction type of a registry in a calendar year (UTC), or since it opened ({@code year} null: the year column is
     * empty): how many transactions completed and the credits they moved.
     */
    @Transactional
    public Table annualSummary(String registry, Integer year) {
        Instant from = yearStart(year);
        Instant to = yearEnd(year);
        List<?> rows = em
                .createNativeQuery(
                        """
                                SELECT t.type, count(x.id), coalesce(sum(x.quantity), 0)
                                FROM (VALUES (1, 'ISSUANCE'), (2, 'INTERNAL_TRANSFER'), (3, 'RETIREMENT'), (4, 'CANCELLATION'), (5, 'EXTERNAL_TRANSFER')) AS t(n, type)
                                     LEFT JOIN ledger_transaction x ON x.type = t.type AND x.registry_code = ?1 AND x.state = 'COMPLETED' AND x.at >= ?2 AND x.at < ?3
                                GROUP BY t.n, t.type ORDER BY t.n""")
                .setParameter(1, registry).setParameter(2, from).setParameter(3, to).getResultList();
        return new Table(List.of("registry", "year", "transactionType", "transactions", "quantity"), rows.stream().map(r -> {
            Object[] o = (Object[]) r;
            return Table.row(registry, year, o[0], ((Number) o[1]).longValue(), o[2]);
        }).toList());
    }

    /**
     * The credits issued into a registry (or into every registry: {@code registry} null), one row per allocation line with
     * the serial block it issued, in the order they were issued: all of them, or those issued in a calendar year (UTC)
     * and/or of one project.
     */
    @Transactional
    public Table issuances(String registry, Integer year, String project) {
        List<?> rows = em
                .createNativeQuery(
                        """
                                SELECT i.id, i.project_reference, i.host_country, i.period_start, i.period_end, i.decision_reference, i.decided_on, i.issued_at,
                                       l.vintage, a.type, l.quantity, lower(b.serials), upper(b.serials) - 1, l.registry_code
                                FROM issuance_line l JOIN issuance i ON i.id = l.issuance_id JOIN account a ON a.id = l.account_id
                                     JOIN unit_block b ON b.opened_by = l.transaction_id AND b.origin = 'ISSUED'
                                WHERE (CAST(?1 AS text) IS NULL OR l.registry_code = ?1) AND i.issued_at >= ?2 AND i.issued_at < ?3 AND (CAST(?4 AS text) IS NULL OR i.project_reference = ?4)
                                ORDER BY i.issued_at, i.seq, l.line_no""")
                .setParameter(1, registry).setParameter(2, yearStart(year)).setParameter(3, yearEnd(year))
                .setParameter(4, project).getResultList();
        return new Table(
                List.of("registry", "issuance", "project", "hostCountry", "monitoringPeriodStart", "monitoringPeriodEnd", "decisionReference",
                        "decidedOn", "issuedAt", "vintage", "accountType", "quantity", "firstSerial", "lastSerial", "block"),
                rows.stream().map(r -> {
                    Object[] o = (Object[]) r;
                    int vintage = ((Number) o[8]).intValue();
                    long first = ((Number) o[11]).longValue();
                    long last = ((Number) o[12]).longValue();
                    String issuedIn = (String) o[13];
                    return Table.row(issuedIn, o[0].toString(), o[1], o[2], SqlValues.date(o[3]), SqlValues.date(o[4]), o[5], SqlValues.date(o[6]),
                            SqlValues.instant(o[7]), vintage, o[9], ((Number) o[10]).longValue(), first, last,
                            Block.display(issuedIn, (String) o[1], vintage, new SerialRange(first, last)));
                }).toList());
    }

    /**
     * The retirements of a registry, one row per block retired with the retirement's purpose, beneficiary and year of use,
     * in the order they were made: all of them, or those of a calendar year (UTC).
     */
    @Transactional
    public Table retirements(String registry, Integer year) {
        List<?> rows = em
                .createNativeQuery(
                        """
                                SELECT t.id, t.at, t.retirement_purpose, t.beneficiary, t.year_of_use, b.project_reference, b.vintage, lower(b.serials), upper(b.serials) - 1
                                FROM ledger_transaction t JOIN unit_block b ON b.opened_by = t.id AND b.account_id = t.to_account
                                WHERE t.registry_code = ?1 AND t.type = 'RETIREMENT' AND t.state = 'COMPLETED' AND t.at >= ?2 AND t.at < ?3
                                ORDER BY t.seq, lower(b.serials)""")
                .setParameter(1, registry).setParameter(2, yearStart(year)).setParameter(3, yearEnd(year))
                .getResultList();
        return new Table(List.of("registry", "transaction", "retiredAt", "purpose", "beneficiary", "yearOfUse", "project", "vintage", "quantity",
                "firstSerial", "lastSerial", "block"), rows.stream().map(r -> {
                    Object[] o = (Object[]) r;
                    int vintage = ((Number) o[6]).intValue();
                    SerialRange range = new SerialRange(((Number) o[7]).longValue(), ((Number) o[8]).longValue());
                    return Table.row(registry, o[0].toString(), SqlValues.instant(o[1]), o[2], o[3], o[4] == null ? null : ((Number) o[4]).intValue(),
                            o[5], vintage, range.size(), range.start(), range.end(), Block.display(registry, (String) o[5], vintage, range));
                }).toList());
    }

    /**
     * The lineage of a serial as the public sees it: each block that held it, with its step, transaction and the type of the
     * account it was in; not who acted nor which account.
     */
    public Table serialLineage(Lineage lineage) {
        return new Table(
                List.of("registry", "serial", "step", "at", "transaction", "transactionType", "accountType", "project", "vintage", "quantity",
                        "firstSerial", "lastSerial", "block"),
                lineage.steps().stream().map(s -> Table.row(lineage.registry(), lineage.serial(), s.step(),
                        s.at(), s.transaction().toString(), s.transactionType(), s.accountType(), s.block().projectReference(), s.block().vintage(),
                        s.block().quantity(), s.block().start(), s.block().end(), s.block().display()))
                        .toList());
    }

    private static Instant yearStart(Integer year) {
        return year == null ? Instant.EPOCH : LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant yearEnd(Integer year) {
        return year == null ? END_OF_TIME : LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Credits issued per project and vintage (in every registry, or one), with the host country. */
    @Transactional
    public Table issuanceTotals(String registry) {
        List<?> rows = em.createNativeQuery("""
                SELECT l.registry_code, i.host_country, i.project_reference, l.vintage, count(DISTINCT i.id), sum(l.quantity)
                FROM issuance_line l JOIN issuance i ON i.id = l.issuance_id
                WHERE CAST(?1 AS text) IS NULL OR l.registry_code = ?1
                GROUP BY l.registry_code, i.host_country, i.project_reference, l.vintage
                ORDER BY l.registry_code, i.project_reference, l.vintage""").setParameter(1, registry).getResultList();
        return new Table(List.of("registry", "hostCountry", "project", "vintage", "issuances", "quantity"), rows.stream().map(r -> {
            Object[] o = (Object[]) r;
            return List.<Object>of(o[0], o[1], o[2], ((Number) o[3]).intValue(), ((Number) o[4]).longValue(), o[5]);
        }).toList());
    }
}
