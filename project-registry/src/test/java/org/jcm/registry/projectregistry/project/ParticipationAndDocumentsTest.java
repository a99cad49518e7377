package org.jcm.registry.projectregistry.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jcm.registry.projectregistry.Rules.refused;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.project.DocumentReference;
import org.junit.jupiter.api.Test;

class ParticipationAndDocumentsTest {

    private static final TpeDesignation TPE = new TpeDesignation("TPE-1", "Verifier", List.of(1, 3), LocalDate.of(2014, 1, 1),
            LocalDate.of(2019, 6, 30));

    private static CountrySnapshot country(CountryState state) {
        return new CountrySnapshot("MN", "MNG", "Mongolia", state, 3, null, null, null, null, null, List.of(TPE), null);
    }

    @Test
    void onlyAnActiveHostCountryTakesPart() {
        assertThat(Participation.requireActive(Optional.of(country(CountryState.ACTIVE)), "MN", "x").code()).isEqualTo("MN");
        refused(() -> Participation.requireActive(Optional.of(country(CountryState.SUSPENDED)), "MN", "x"), ProjectRule.COUNTRY_SUSPENDED);
        refused(() -> Participation.requireActive(Optional.of(country(CountryState.TERMINATED)), "MN", "x"), ProjectRule.COUNTRY_NOT_ACTIVE);
        refused(() -> Participation.requireActive(Optional.of(country(CountryState.JOINT_COMMITTEE_ESTABLISHED)), "MN", "x"),
                ProjectRule.COUNTRY_NOT_ACTIVE);
        refused(() -> Participation.requireActive(Optional.empty(), "MN", "x"), ProjectRule.UNKNOWN_COUNTRY);
    }

    @Test
    void aTpeTakesPartForItsScopesWhileDesignated() {
        CountrySnapshot mn = country(CountryState.ACTIVE);
        assertThat(Participation.requireDesignatedTpe(mn, "TPE-1", 3, LocalDate.of(2019, 6, 29)).name()).isEqualTo("Verifier");
        refused(() -> Participation.requireDesignatedTpe(mn, "TPE-1", 3, LocalDate.of(2019, 6, 30)), ProjectRule.TPE_NOT_DESIGNATED);
        refused(() -> Participation.requireDesignatedTpe(mn, "TPE-1", 3, LocalDate.of(2013, 12, 31)), ProjectRule.TPE_NOT_DESIGNATED);
        refused(() -> Participation.requireDesignatedTpe(mn, "TPE-1", 2, LocalDate.of(2016, 1, 1)), ProjectRule.TPE_NOT_DESIGNATED);
        refused(() -> Participation.requireDesignatedTpe(mn, "TPE-X", 1, LocalDate.of(2016, 1, 1)), ProjectRule.TPE_NOT_DESIGNATED);
    }

    @Test
    void documentReferencesNeedAnAbsoluteUriAndASha256() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(Document.of(DocumentKind.PDD, new DocumentReference(null, "https://jcm.example.org/pdd.pdf", sha)).kind()).isEqualTo("PDD");
        assertThat(Document.of(DocumentKind.PDD, new DocumentReference("PDD", "urn:jcm:doc:42", sha)).kind()).isEqualTo("PDD");
        refused(() -> Document.of(DocumentKind.PDD, new DocumentReference(null, "pdd.pdf", sha)), ProjectRule.INVALID_DOCUMENT);
        refused(() -> Document.of(DocumentKind.PDD, new DocumentReference(null, "https://x y", sha)), ProjectRule.INVALID_DOCUMENT);
        refused(() -> Document.of(DocumentKind.PDD, new DocumentReference(null, "https://jcm.example.org/pdd.pdf", sha.toUpperCase())),
                ProjectRule.INVALID_DOCUMENT);
        refused(() -> Document.of(DocumentKind.PDD, new DocumentReference(null, "https://jcm.example.org/pdd.pdf", sha.substring(1))),
                ProjectRule.INVALID_DOCUMENT);
        refused(() -> Document.of(DocumentKind.PDD, null), ProjectRule.INVALID_DOCUMENT);
    }

    /** Each step records its own kind and finds it again by that kind: a caller cannot relabel a document. */
    @Test
    void theRegistryNotTheCallerDecidesADocumentsKind() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        refused(() -> Document.of(DocumentKind.VALIDATION_REPORT, new DocumentReference("ANNEX", "urn:jcm:doc:42", sha)),
                ProjectRule.INVALID_DOCUMENT);
        refused(() -> Document.of(DocumentKind.PDD, new DocumentReference("VALIDATION_REPORT", "urn:jcm:doc:42", sha)), ProjectRule.INVALID_DOCUMENT);
        assertThat(Document.atSubmission(new DocumentReference(null, "urn:jcm:doc:1", sha)).kind()).isEqualTo("PIN");
        assertThat(Document.atSubmission(new DocumentReference("SUPPORTING", "urn:jcm:doc:2", sha)).kind()).isEqualTo("SUPPORTING");
        refused(() -> Document.atSubmission(new DocumentReference("VALIDATION_REPORT", "urn:jcm:doc:3", sha)), ProjectRule.INVALID_DOCUMENT);
    }
}
