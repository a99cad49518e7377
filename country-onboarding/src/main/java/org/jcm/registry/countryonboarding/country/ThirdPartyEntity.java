package org.jcm.registry.countryonboarding.country;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;

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

    ThirdPartyEntity(String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn) {
        this.tpeId = tpeId;
        this.name = name;
        this.sectoralScopes = sectoralScopes.toArray(Integer[]::new);
        this.designatedOn = designatedOn;
    }

    String tpeId() {
        return tpeId;
    }

    LocalDate designatedOn() {
        return designatedOn;
    }

    boolean withdrawn() {
        return withdrawnOn != null;
    }

    void withdraw(LocalDate on) {
        this.withdrawnOn = on;
    }

    TpeDesignation view() {
        return new TpeDesignation(tpeId, name, Arrays.asList(sectoralScopes), designatedOn, withdrawnOn);
    }
}
