package org.jcm.registry.contract.country;

import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The full state of a partner country as every country event carries it, so that no consumer ever has to
 * call back. {@code version} grows by one with every change: a consumer keeps the highest it has seen and
 * ignores older snapshots (a replayed dead letter, say).
 */
public record CountrySnapshot(
        String code,
        String alpha3,
        String name,
        CountryState state,
        long version,
        LocalDate bilateralDocumentSignedOn,
        LocalDate jointCommitteeEstablishedOn,
        LocalDate activatedOn,
        RegistryIdentity registry,
        String partnerSystemClientId,
        List<TpeDesignation> thirdPartyEntities,
        Article6Settings article6,
        LocalDate suspendedOn,
        String suspensionReason,
        LocalDate reinstatedOn,
        LocalDate terminatedOn,
        String terminationReason) {

    public CountrySnapshot {
        thirdPartyEntities = thirdPartyEntities == null ? List.of() : List.copyOf(thirdPartyEntities);
    }

    /** A country that was never suspended nor terminated (the suspension and termination fields came later, additively). */
    public CountrySnapshot(String code, String alpha3, String name, CountryState state, long version, LocalDate bilateralDocumentSignedOn,
            LocalDate jointCommitteeEstablishedOn, LocalDate activatedOn, RegistryIdentity registry, String partnerSystemClientId,
            List<TpeDesignation> thirdPartyEntities, Article6Settings article6) {
        this(code, alpha3, name, state, version, bilateralDocumentSignedOn, jointCommitteeEstablishedOn, activatedOn, registry,
                partnerSystemClientId, thirdPartyEntities, article6, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean isActive() {
        return state == CountryState.ACTIVE;
    }

    /** Where a country's registry lives and how it is named in serials and Article 6 identifiers. */
    @Embeddable
    public record RegistryIdentity(String registryCode, String article6RegistryId, @Enumerated(EnumType.STRING) Hosting hosting) {}

    public enum Hosting {
        /** The partner's registry is kept on this system (as Mongolia's is on Japan's). */
        HOSTED,
        /** An external registry that talks to this one through events. */
        EXTERNAL
    }

    /** A Third-Party Entity designated by the Joint Committee for sectoral scopes, from a date until a possible withdrawal. */
    public record TpeDesignation(String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn, LocalDate withdrawnOn) {

        public TpeDesignation {
            sectoralScopes = sectoralScopes == null ? List.of() : List.copyOf(sectoralScopes);
        }

        public boolean designatedFor(int scope, LocalDate date) {
            return designatedFor((Integer) scope, date);
        }

        /** Designated for the scope (any, if null) on the date (any, if null): designated on or before it, not withdrawn on or before it. */
        public boolean designatedFor(Integer scope, LocalDate date) {
            return (scope == null || sectoralScopes.contains(scope))
                    && (date == null || !date.isBefore(designatedOn) && (withdrawnOn == null || date.isBefore(withdrawnOn)));
        }
    }

    /** Authorized uses and, for OIMP, which act counts as the first transfer. */
    @Embeddable
    public record Article6Settings(boolean ndcUseAuthorized, boolean oimpUseAuthorized,
            @Enumerated(EnumType.STRING) FirstTransfer oimpFirstTransfer) {}

    public enum FirstTransfer {
        AUTHORIZATION,
        ISSUANCE,
        USE_OR_CANCELLATION
    }
}
