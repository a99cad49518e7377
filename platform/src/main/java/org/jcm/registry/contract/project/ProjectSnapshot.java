package org.jcm.registry.contract.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Size;

/**
 * The full state of a project as every project event carries it, so that no consumer has to call back.
 * {@code reference} ({@code {CC}{NNN}}) is set at registration; before that the project is known by its idea-note
 * reference {@code pinReference} ({@code {CC}_PIN{NNN}}). {@code revision} grows with every change.
 */
public record ProjectSnapshot(
        String id,
        String pinReference,
        String reference,
        String title,
        String hostCountry,
        String methodologyId,
        String methodologyReference,
        int methodologyVersion,
        int sectoralScope,
        ProjectState state,
        long revision,
        List<Participant> participants,
        Period creditingPeriod,
        long estimatedAnnualReductions,
        CreditAllocation creditAllocation,
        CityCollaboration cityCollaboration,
        List<DocumentReference> documents,
        LocalDate submittedOn,
        JcDecision noObjection,
        LocalDate designPublishedOn,
        Validation validation,
        LocalDate registrationRequestedOn,
        JcDecision registration,
        JcDecision deregistration,
        LocalDate withdrawnOn) {

    public ProjectSnapshot {
        participants = participants == null ? List.of() : List.copyOf(participants);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /**
     * A Japanese or partner-country entity taking part; exactly one is the focal point. {@code participantId}: the
     * registry identity of the entity (its tokens' {@code jcm_participant}), if it acts in the registry.
     */
    public record Participant(String name, String country, String role, boolean focalPoint, String participantId) {}

    /** A closed period of days, both ends included. */
    @Embeddable
    public record Period(LocalDate start, LocalDate end) {}

    /** Shares of the credits, in percent, that add up to 100. */
    @Embeddable
    public record CreditAllocation(BigDecimal governmentOfJapan, BigDecimal partnerGovernment, BigDecimal participants) {}

    /** The city-to-city collaboration a project came from, e.g. Kitakyushu–Hai Phong. */
    @Embeddable
    public record CityCollaboration(@Size(max = 200) String japaneseCity, @Size(max = 200) String partnerCity) {}

    /** The TPE that validated the project, on which date, and its report. */
    public record Validation(String tpeId, String tpeName, LocalDate validatedOn, DocumentReference report) {}
}
