package org.jcm.registry.creditissuance.issuance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jcm.registry.creditissuance.ledger.Block;
import org.jcm.registry.creditissuance.ledger.SerialRange;
import org.jcm.registry.platform.persistence.SqlValues;

/** The issuance history auditors read: each issuance with its JC decision, its verification, its lines and their blocks. */
@ApplicationScoped
public class IssuanceQueries {

    public record Period(LocalDate start, LocalDate end) {}

    public record Decision(String reference, LocalDate decidedOn, String recordedBy) {}

    public record VintageAmount(int vintage, long tonnes) {}

    public record VerificationView(String verificationId, String tpeId, String tpeName, LocalDate verifiedOn, long totalVerified,
            List<VintageAmount> vintages) {}

    public record LineView(int lineNo, String registry, String account, int vintage, long quantity, UUID transactionId, long blockId, String block,
            long firstSerial, long lastSerial) {}

    public record IssuanceView(UUID id, long seq, String projectId, String projectReference, String hostCountry, Period monitoringPeriod,
            String state,
            String requestedBy, Instant requestedAt, Decision decision, Instant issuedAt, VerificationView verification, long issued,
            List<LineView> lines) {}

    /** What to look for; null fields do not filter. {@code issuedFrom} included, {@code issuedTo} excluded. */
    public record Filter(UUID id, String country, String project, Integer vintage, LocalDate periodFrom, LocalDate periodTo, Instant issuedFrom,
            Instant issuedTo) {}

    public record Page(List<IssuanceView> issuances, Long next) {}

    private final EntityManager em;

    public IssuanceQueries(EntityManager em) {
        this.em = em;
    }

    /** Issuances matching {@code filter} after sequence number {@code after}, oldest first, keyset-paged. */
    @Transactional
    public Page page(Filter filter, long after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT i.id, i.seq, i.project_id, i.project_reference, i.host_country, i.period_start, i.period_end, i.state, i.requested_by,
                       i.requested_at, i.decision_reference, i.decided_on, i.decision_recorded_by, i.issued_at, v.verification_id, v.tpe_id,
                       v.tpe_name, v.verified_on, v.total_verified
                FROM issuance i JOIN verified_period v ON v.verification_id = i.verification_id
                WHERE i.seq > :after""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("after", after);
        where(sql, params, "i.id = :id", "id", filter.id());
        where(sql, params, "i.host_country = :country", "country", filter.country());
        where(sql, params, "i.project_reference = :project", "project", filter.project());
        where(sql, params, "EXISTS (SELECT 1 FROM issuance_line l WHERE l.issuance_id = i.id AND l.vintage = :vintage)", "vintage", filter.vintage());
        where(sql, params, "i.period_end >= :periodFrom", "periodFrom", filter.periodFrom());
        where(sql, params, "i.period_start <= :periodTo", "periodTo", filter.periodTo());
        where(sql, params, "i.issued_at >= :issuedFrom", "issuedFrom", filter.issuedFrom());
        where(sql, params, "i.issued_at < :issuedTo", "issuedTo", filter.issuedTo());
        sql.append(" ORDER BY i.seq LIMIT :limit");
        params.put("limit", limit + 1);
        Query q = em.createNativeQuery(sql.toString());
        params.forEach(q::setParameter);
        List<?> rows = q.getResultList();
        boolean more = rows.size() > limit;
        List<Object[]> shown = rows.stream().limit(limit).map(Object[].class::cast).toList();
        if (shown.isEmpty()) {
            return new Page(List.of(), null);
        }
        Map<UUID, List<LineView>> lines = lines(shown.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new));
        Map<String, List<VintageAmount>> vintages = vintages(shown.stream().map(r -> (String) r[14]).distinct().toArray(String[]::new));
        List<IssuanceView> views = new ArrayList<>();
        for (Object[] r : shown) {
            UUID id = (UUID) r[0];
            List<LineView> ls = lines.getOrDefault(id, List.of());
            views.add(new IssuanceView(id, ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4],
                    new Period(SqlValues.date(r[5]), SqlValues.date(r[6])),
                    (String) r[7], (String) r[8], SqlValues.instant(r[9]),
                    r[10] == null ? null : new Decision((String) r[10], SqlValues.date(r[11]), (String) r[12]),
                    SqlValues.instant(r[13]),
                    new VerificationView((String) r[14], (String) r[15], (String) r[16], SqlValues.date(r[17]), ((Number) r[18]).longValue(),
                            vintages.getOrDefault((String) r[14], List.of())),
                    ls.stream().mapToLong(LineView::quantity).reduce(0, Math::addExact), ls));
        }
        return new Page(views, more ? views.get(views.size() - 1).seq() : null);
    }

    private static void where(StringBuilder sql, Map<String, Object> params, String condition, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.put(name, value);
        }
    }

    private Map<UUID, List<LineView>> lines(UUID[] ids) {
        Map<UUID, List<LineView>> out = new LinkedHashMap<>();
        List<?> rows = em.createNativeQuery("""
                SELECT l.issuance_id, l.line_no, l.registry_code, a.number, l.vintage, l.quantity, l.transaction_id, b.id, lower(b.serials),
                       upper(b.serials) - 1, b.project_reference
                FROM issuance_line l JOIN account a ON a.id = l.account_id
                     JOIN unit_block b ON b.opened_by = l.transaction_id AND b.origin = 'ISSUED'
                WHERE l.issuance_id = ANY(CAST(?1 AS uuid[])) ORDER BY l.issuance_id, l.line_no""").setParameter(1, ids).getResultList();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            SerialRange range = new SerialRange(((Number) r[8]).longValue(), ((Number) r[9]).longValue());
            int vintage = ((Number) r[4]).intValue();
            out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                    .add(new LineView(((Number) r[1]).intValue(), (String) r[2], (String) r[3], vintage,
                            ((Number) r[5]).longValue(), (UUID) r[6], ((Number) r[7]).longValue(),
                            Block.display((String) r[2], (String) r[10], vintage, range),
                            range.start(), range.end()));
        }
        return out;
    }

    private Map<String, List<VintageAmount>> vintages(String[] verificationIds) {
        Map<String, List<VintageAmount>> out = new LinkedHashMap<>();
        List<?> rows = em
                .createNativeQuery("SELECT verification_id, vintage, tonnes FROM verified_vintage WHERE verification_id = ANY(CAST(?1 AS text[])) "
                        + "ORDER BY verification_id, vintage")
                .setParameter(1, verificationIds).getResultList();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            out.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                    .add(new VintageAmount(((Number) r[1]).intValue(), ((Number) r[2]).longValue()));
        }
        return out;
    }

}
