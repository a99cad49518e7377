package org.jcm.registry.projectregistry.project;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.ProjectSnapshot.CityCollaboration;
import org.jcm.registry.contract.project.ProjectSnapshot.CreditAllocation;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.problem.Checks;
import org.jcm.registry.platform.problem.RuleViolation;

/** What a project idea note says about the project, checked as a whole: a note that breaks several rules is told all of them. */
public record IdeaNote(String title, List<Participant> participants, Period creditingPeriod, long estimatedAnnualReductions,
        CreditAllocation creditAllocation, CityCollaboration cityCollaboration, List<DocumentReference> documents) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** This note, if every numbered rule on its content holds; otherwise every broken rule at once. */
    public IdeaNote checked() {
        new Checks()
                .run(() -> checkParticipants(participants))
                .run(() -> checkCreditingPeriod(creditingPeriod))
                .run(() -> checkAllocation(creditAllocation))
                .run(this::checkCity)
                .run(this::checkEstimate)
                .run(() -> documents().forEach(Document::atSubmission))
                .throwIfFailed();
        return this;
    }

    /** The registry identities of the participants, those that have one. */
    public Set<String> participantIds() {
        return participants == null
                ? Set.of()
                : participants.stream().map(Participant::participantId).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<DocumentReference> documents() {
        return documents == null ? List.of() : documents;
    }

    private void checkCity() {
        if (cityCollaboration != null && (blank(cityCollaboration.japaneseCity()) || blank(cityCollaboration.partnerCity()))) {
            throw new RuleViolation(ProjectRule.INVALID_CITY_COLLABORATION,
                    "got Japanese city '" + cityCollaboration.japaneseCity() + "' and partner city '"
                            + cityCollaboration.partnerCity() + "'");
        }
    }

    private void checkEstimate() {
        if (estimatedAnnualReductions < 0) {
            throw new RuleViolation(ProjectRule.INVALID_CREDITING_PERIOD, "estimated annual reductions cannot be negative");
        }
    }

    private static void checkParticipants(List<Participant> participants) {
        long focalPoints = participants == null ? 0 : participants.stream().filter(Participant::focalPoint).count();
        if (focalPoints != 1) {
            throw new RuleViolation(ProjectRule.FOCAL_POINT,
                    "got " + focalPoints + " focal points among " + (participants == null ? 0 : participants.size())
                            + " participants");
        }
        List<String> ids = participants.stream().map(Participant::participantId).filter(Objects::nonNull).toList();
        if (ids.size() != new HashSet<>(ids).size()) {
            throw new RuleViolation(ProjectRule.DUPLICATE_PARTICIPANT, "participant ids " + ids + " name one participant twice");
        }
    }

    private static void checkCreditingPeriod(Period period) {
        if (period == null || period.start() == null || period.end() == null || period.end().isBefore(period.start())) {
            throw new RuleViolation(ProjectRule.INVALID_CREDITING_PERIOD, "got " + period);
        }
    }

    static void checkAllocation(CreditAllocation a) {
        if (a == null || a.governmentOfJapan() == null || a.partnerGovernment() == null || a.participants() == null) {
            throw new RuleViolation(ProjectRule.ALLOCATION_NOT_100,
                    "all three shares are needed (Government of Japan, partner government, participants)");
        }
        for (BigDecimal share : List.of(a.governmentOfJapan(), a.partnerGovernment(), a.participants())) {
            if (share.signum() < 0 || share.compareTo(HUNDRED) > 0 || share.stripTrailingZeros().scale() > 2) {
                throw new RuleViolation(ProjectRule.ALLOCATION_NOT_100,
                        "share " + share.toPlainString() + " is not a percentage with at most two decimals");
            }
        }
        BigDecimal sum = a.governmentOfJapan().add(a.partnerGovernment()).add(a.participants());
        if (sum.compareTo(HUNDRED) != 0) {
            throw new RuleViolation(ProjectRule.ALLOCATION_NOT_100, "the shares add up to " + sum.toPlainString() + "%");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
