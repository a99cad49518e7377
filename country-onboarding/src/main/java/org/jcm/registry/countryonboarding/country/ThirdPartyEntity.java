package org.jcm.registry.countryonboarding.country;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * One designation of a Third-Party Entity by a country's Joint Committee. Part of the {@link PartnerCountry}
 * aggregate: created and withdrawn only through it, so that every change moves the country's version on.
 */
@Entity
@Table(name = "third_party_entity")
class ThirdPartyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tpe_id", nullable = false, updatable = false, columnDefinition = "text")
    private String tpeId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sectoral_scopes", nullable = false, updatable = false, columnDefinition = "integer[]")
    private Integer[] sectoralScopes;

    @Column(name = "designated_on", nullable = false, updatable = false)
    private LocalDate designatedOn;

    @Column(name = "withdrawn_on")
    private LocalDate withdrawnOn;

    protected ThirdPartyEntity() {}

    private ThirdPartyEntity(String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn) {
        this.tpeId = tpeId;
        this.name = name;
        this.sectoralScopes = sectoralScopes.toArray(Integer[]::new);
        this.designatedOn = designatedOn;
    }

    /** A designation with a well-formed id, a name and its sectoral scopes (1 to 15, each once, in order). */
    static ThirdPartyEntity designate(String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn) {
        if (tpeId == null || !tpeId.matches("[A-Za-z0-9._-]{1,64}") || name == null || name.isBlank()) {
            throw new RuleViolation(CountryRule.INVALID_TPE, "got id '" + tpeId + "' and name '" + name + "'");
        }
        if (sectoralScopes == null || sectoralScopes.isEmpty() || sectoralScopes.stream().anyMatch(s -> s == null || s < 1 || s > 15)) {
            throw new RuleViolation(CountryRule.INVALID_SECTORAL_SCOPE, "got " + sectoralScopes);
        }
        return new ThirdPartyEntity(tpeId, name.strip(), List.copyOf(new TreeSet<>(sectoralScopes)), designatedOn);
    }

    String tpeId() {
        return tpeId;
    }

    /** Ends the designation on a date, once, and not before it began. */
    void withdraw(LocalDate on) {
        if (withdrawnOn != null) {
            throw new RuleViolation(CountryRule.TPE_ALREADY_WITHDRAWN, tpeId + " was withdrawn on " + withdrawnOn);
        }
        if (on.isBefore(designatedOn)) {
            throw new RuleViolation(CountryRule.WITHDRAWAL_BEFORE_DESIGNATION, tpeId + " was designated on " + designatedOn
                    + ", so it cannot be withdrawn on " + on);
        }
        this.withdrawnOn = on;
    }

    TpeDesignation view() {
        return new TpeDesignation(tpeId, name, Arrays.asList(sectoralScopes), designatedOn, withdrawnOn);
    }
}
