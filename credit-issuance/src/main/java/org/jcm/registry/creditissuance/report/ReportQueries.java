package org.jcm.registry.creditissuance.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The registry's public reports, what the JCM registry publishes today as PDFs: holdings by account type, the annual
 * transaction summary, issuance totals per project and vintage. Each one query over the append-only ledger; sums exact.
 */
@ApplicationScoped
public class ReportQueries {

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

    /** Per transaction type of a registry in a calendar year (UTC): how many transactions completed and the credits they moved. */
    @Transactional
    public Table annualSummary(String registry, int year) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
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
            return List.<Object>of(registry, year, o[0], ((Number) o[1]).longValue(), o[2]);
        }).toList());
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
