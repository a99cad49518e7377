package org.jcm.registry.creditissuance.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.project.ProjectEvent.ReductionsVerified;
import org.jcm.registry.contract.project.ProjectEvent.VintageAmount;
import org.jcm.registry.platform.persistence.SqlValues;

/**
 * Verified reductions per (project, monitoring period, vintage), as project-registry's {@code ReductionsVerified} events
 * state them. A correction supersedes the verification it names; an issuance rests on the one nobody supersedes.
 */
@ApplicationScoped
public class VerifiedReductions {

    /** A verification an issuance can rest on: the TPE's verified tonnes per vintage for one monitoring period. */
    public record Verification(String verificationId, String projectId, String projectReference, String hostCountry, LocalDate periodStart,
            LocalDate periodEnd, long totalVerified, String tpeId, String tpeName, LocalDate verifiedOn, Map<Integer, Long> vintages) {}

    private final EntityManager em;

    public VerifiedReductions(EntityManager em) {
        this.em = em;
    }

    /** Keeps a verification, once: a redelivered or replayed event changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(ReductionsVerified v, Instant at) {
        int inserted = em.createNativeQuery("""
                INSERT INTO verified_period (verification_id, supersedes, project_id, project_reference, host_country, monitoring_report_id,
                    period_start, period_end, total_verified, tpe_id, tpe_name, verified_on, received_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (verification_id) DO NOTHING""")
                .setParameter(1, v.verificationId()).setParameter(2, v.supersedesVerificationId()).setParameter(3, v.project().id())
                .setParameter(4, v.projectReference()).setParameter(5, v.hostCountry()).setParameter(6, v.monitoringReportId())
                .setParameter(7, v.monitoringPeriod().start()).setParameter(8, v.monitoringPeriod().end()).setParameter(9, v.totalVerified())
                .setParameter(10, v.tpeId()).setParameter(11, v.tpeName()).setParameter(12, v.verifiedOn()).setParameter(13, at)
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        for (VintageAmount vintage : v.verifiedReductions()) {
            em.createNativeQuery("INSERT INTO verified_vintage (verification_id, vintage, tonnes) VALUES (?1, ?2, ?3)")
                    .setParameter(1, v.verificationId()).setParameter(2, vintage.vintage()).setParameter(3, vintage.tonnes()).executeUpdate();
        }
    }

    /** The verification of this project's monitoring period that no later correction supersedes, if there is one. */
    public Optional<Verification> current(String projectId, LocalDate start, LocalDate end) {
        List<?> rows = em.createNativeQuery("""
                SELECT v.verification_id, v.project_id, v.project_reference, v.host_country, v.period_start, v.period_end, v.total_verified,
                       v.tpe_id, v.tpe_name, v.verified_on
                FROM verified_period v
                WHERE v.project_id = ?1 AND v.period_start = ?2 AND v.period_end = ?3
                  AND NOT EXISTS (SELECT 1 FROM verified_period s WHERE s.supersedes = v.verification_id)
                ORDER BY v.received_at DESC LIMIT 1""").setParameter(1, projectId).setParameter(2, start).setParameter(3, end).getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst().map(this::verification);
    }

    public Optional<Verification> byId(String verificationId) {
        List<?> rows = em.createNativeQuery("""
                SELECT verification_id, project_id, project_reference, host_country, period_start, period_end, total_verified, tpe_id, tpe_name,
                       verified_on
                FROM verified_period WHERE verification_id = ?1""").setParameter(1, verificationId).getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst().map(this::verification);
    }

    private Verification verification(Object[] r) {
        Map<Integer, Long> vintages = new LinkedHashMap<>();
        List<?> rows = em.createNativeQuery("SELECT vintage, tonnes FROM verified_vintage WHERE verification_id = ?1 ORDER BY vintage")
                .setParameter(1, r[0]).getResultList();
        rows.forEach(v -> vintages.put(((Number) ((Object[]) v)[0]).intValue(), ((Number) ((Object[]) v)[1]).longValue()));
        return new Verification((String) r[0], (String) r[1], (String) r[2], (String) r[3], SqlValues.date(r[4]), SqlValues.date(r[5]),
                ((Number) r[6]).longValue(),
                (String) r[7], (String) r[8], SqlValues.date(r[9]), Map.copyOf(vintages));
    }

}
