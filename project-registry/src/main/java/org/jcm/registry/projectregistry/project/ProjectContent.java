package org.jcm.registry.projectregistry.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;

import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectSnapshot.CityCollaboration;
import org.jcm.registry.contract.project.ProjectSnapshot.CreditAllocation;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.platform.problem.RuleViolation;

/** What a project is about, as its idea note said: part of the project aggregate, set once at submission. */
@Embeddable
public class ProjectContent {

    private String title;
    @ElementCollection
    @CollectionTable(name = "project_participant", joinColumns = @JoinColumn(name = "project_id"))
    @OrderColumn(name = "position")
    private List<Participant> participants = new ArrayList<>();
    @Embedded
    @AttributeOverride(name = "start", column = @Column(name = "crediting_period_start"))
    @AttributeOverride(name = "end", column = @Column(name = "crediting_period_end"))
    private Period creditingPeriod;
    private long estimatedAnnualReductions;
    @Embedded
    @AttributeOverride(name = "governmentOfJapan", column = @Column(name = "allocation_government_of_japan"))
    @AttributeOverride(name = "partnerGovernment", column = @Column(name = "allocation_partner_government"))
    @AttributeOverride(name = "participants", column = @Column(name = "allocation_participants"))
    private CreditAllocation creditAllocation;
    @Embedded
    private CityCollaboration cityCollaboration;

    protected ProjectContent() {}

    /** The content of an idea note whose rules hold (see {@link IdeaNote#checked()}). */
    static ProjectContent of(IdeaNote note) {
        IdeaNote checked = note.checked();
        ProjectContent c = new ProjectContent();
        c.title = checked.title();
        c.participants.addAll(checked.participants());
        c.creditingPeriod = checked.creditingPeriod();
        c.estimatedAnnualReductions = checked.estimatedAnnualReductions();
        c.creditAllocation = checked.creditAllocation();
        CityCollaboration city = checked.cityCollaboration();
        c.cityCollaboration = city == null ? null : new CityCollaboration(city.japaneseCity().trim(), city.partnerCity().trim());
        return c;
    }

    /** Monitoring covers days of the crediting period only. */
    void requireInCreditingPeriod(Period period) {
        if (period.start().isBefore(creditingPeriod.start()) || period.end().isAfter(creditingPeriod.end())) {
            throw new RuleViolation(ProjectRule.PERIOD_OUTSIDE_CREDITING,
                    period.start() + " to " + period.end() + " is not inside the crediting period "
                            + creditingPeriod.start() + " to " + creditingPeriod.end());
        }
    }

    String title() {
        return title;
    }

    Set<String> participantIds() {
        return participants.stream().map(Participant::participantId).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    List<ProjectSnapshot.Participant> participants() {
        return participants.stream().map(Participant::toContract).toList();
    }

    Period creditingPeriod() {
        return creditingPeriod;
    }

    long estimatedAnnualReductions() {
        return estimatedAnnualReductions;
    }

    CreditAllocation creditAllocation() {
        return creditAllocation;
    }

    CityCollaboration cityCollaboration() {
        return cityCollaboration;
    }
}
