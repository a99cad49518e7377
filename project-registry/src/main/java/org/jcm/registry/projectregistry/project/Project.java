package org.jcm.registry.projectregistry.project;

import static org.jcm.registry.platform.Dates.requireNotBefore;
import static org.jcm.registry.platform.Dates.requireNotFuture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;

import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A JCM project through its cycle. Each step is a method that checks the state and the date it is given (against the
 * clock it is given); the Joint Committee's steps record the decision's reference and date. Nothing is set from outside.
 */
@Entity
public class Project {

    @Id
    private UUID id;
    private String pinReference;
    private String reference;
    private String hostCountry;
    @Embedded
    private MethodologyRef methodology;
    @Enumerated(EnumType.STRING)
    private ProjectState state;
    private long revision;
    @Embedded
    private ProjectContent content;
    @ElementCollection
    @CollectionTable(name = "project_document", joinColumns = @JoinColumn(name = "project_id"))
    @OrderColumn(name = "position")
    private List<Document> documents = new ArrayList<>();
    private LocalDate submittedOn;
    @Embedded
    @AttributeOverride(name = "reference", column = @Column(name = "no_objection_reference"))
    @AttributeOverride(name = "decidedOn", column = @Column(name = "no_objection_on"))
    private JcDecision noObjection;
    private LocalDate designPublishedOn;
    @Embedded
    private ValidationStep validation;
    private LocalDate registrationRequestedOn;
    @Embedded
    @AttributeOverride(name = "reference", column = @Column(name = "registration_reference"))
    @AttributeOverride(name = "decidedOn", column = @Column(name = "registered_on"))
    private JcDecision registration;
    @Embedded
    @AttributeOverride(name = "reference", column = @Column(name = "deregistration_reference"))
    @AttributeOverride(name = "decidedOn", column = @Column(name = "deregistered_on"))
    private JcDecision deregistration;
    private LocalDate withdrawnOn;
    private Instant createdAt;
    private Instant updatedAt;

    protected Project() {}

    /** Submits a project idea note: its content is checked here, the participation rules by the caller. */
    public static Project submitIdea(UUID id, String pinReference, String hostCountry, MethodologyRef methodology, IdeaNote note,
            LocalDate submittedOn, Clock clock) {
        notFuture(submittedOn, clock, "submission date");
        Project p = new Project();
        p.id = id;
        p.pinReference = pinReference;
        p.hostCountry = hostCountry;
        p.methodology = methodology;
        p.content = ProjectContent.of(note);
        note.documents().forEach(d -> p.documents.add(Document.atSubmission(d)));
        p.submittedOn = submittedOn;
        p.state = ProjectState.IDEA_SUBMITTED;
        p.revision = 1;
        p.createdAt = clock.instant();
        p.updatedAt = p.createdAt;
        return p;
    }

    /**
     * The Joint Committee raised no objection. Returns false, changing nothing, if this very decision was already recorded
     * (a partner system's redelivery, say); a different decision for a step already taken is refused.
     */
    public boolean grantNoObjection(JcDecision decision, Clock clock) {
        if (noObjection != null) {
            return alreadyRecorded(noObjection, decision, "no objection");
        }
        requireState(ProjectState.IDEA_SUBMITTED, "record the Joint Committee's no objection");
        checkDate(decision.decidedOn(), submittedOn, clock, "no-objection decision", "the idea note was submitted");
        noObjection = decision;
        moveTo(ProjectState.NO_OBJECTION, clock);
        return true;
    }

    /** The project design document is published for public input. Returns the document as recorded. */
    public DocumentReference publishDesign(LocalDate publishedOn, DocumentReference designDocument, Clock clock) {
        requireState(ProjectState.NO_OBJECTION, "publish the project design document");
        checkDate(publishedOn, noObjection.decidedOn(), clock, "publication date", "the Joint Committee raised no objection");
        Document pdd = Document.of(DocumentKind.PDD, designDocument);
        documents.add(pdd);
        designPublishedOn = publishedOn;
        moveTo(ProjectState.DESIGN_PUBLISHED, clock);
        return pdd.toContract();
    }

    /** A TPE validated the project: the caller checked its designation for the scope on the validation date. */
    public void validate(TpeDesignation tpe, LocalDate on, DocumentReference report, Clock clock) {
        requireState(ProjectState.DESIGN_PUBLISHED, "record the validation");
        checkDate(on, designPublishedOn, clock, "validation date", "the design document was published");
        documents.add(Document.of(DocumentKind.VALIDATION_REPORT, report));
        validation = new ValidationStep(tpe.tpeId(), tpe.name(), on);
        moveTo(ProjectState.VALIDATED, clock);
    }

    public void requestRegistration(LocalDate on, Clock clock) {
        requireState(ProjectState.VALIDATED, "request registration");
        checkDate(on, validation.validatedOn(), clock, "registration request date", "the project was validated");
        registrationRequestedOn = on;
        moveTo(ProjectState.REGISTRATION_REQUESTED, clock);
    }

    /**
     * The Joint Committee registered the project: it gets the next project reference of its country, taken only once the
     * step is allowed. Returns false, changing nothing, if this very decision was already recorded.
     */
    public boolean register(JcDecision decision, Clock clock, Supplier<String> nextReference) {
        if (registration != null) {
            return alreadyRecorded(registration, decision, "registration");
        }
        requireState(ProjectState.REGISTRATION_REQUESTED, "register the project");
        checkDate(decision.decidedOn(), registrationRequestedOn, clock, "registration decision", "registration was requested");
        reference = nextReference.get();
        registration = decision;
        moveTo(ProjectState.REGISTERED, clock);
        return true;
    }

    /** Participants withdraw the project before its registration. */
    public void withdraw(LocalDate on, Clock clock) {
        if (!ProjectState.BEFORE_REGISTRATION.contains(state)) {
            throw illegal("withdraw the project", "a state before REGISTERED");
        }
        checkDate(on, submittedOn, clock, "withdrawal date", "the idea note was submitted");
        withdrawnOn = on;
        moveTo(ProjectState.WITHDRAWN, clock);
    }

    /** The Joint Committee deregistered a registered project; its history and reference stay. */
    public void deregister(JcDecision decision, Clock clock) {
        requireState(ProjectState.REGISTERED, "deregister the project");
        checkDate(decision.decidedOn(), registration.decidedOn(), clock, "deregistration decision", "the project was registered");
        deregistration = decision;
        moveTo(ProjectState.DEREGISTERED, clock);
    }

    /** Monitoring is of a REGISTERED project, and of days inside its crediting period. */
    public void requireMonitoringOf(Period period) {
        if (state != ProjectState.REGISTERED) {
            throw new RuleViolation(ProjectRule.PROJECT_NOT_REGISTERED,
                    label() + " is " + state + ": only a REGISTERED project is monitored and verified");
        }
        content.requireInCreditingPeriod(period);
    }

    public ProjectSnapshot snapshot() {
        return new ProjectSnapshot(id.toString(), pinReference, reference, content.title(), hostCountry, methodology.id().toString(),
                methodology.reference(), methodology.version(), methodology.sectoralScope(), state, revision, content.participants(),
                content.creditingPeriod(), content.estimatedAnnualReductions(), content.creditAllocation(), content.cityCollaboration(),
                documents.stream().map(Document::toContract).toList(),
                submittedOn, noObjection, designPublishedOn, validation == null
                        ? null
                        : new ProjectSnapshot.Validation(validation.tpeId(), validation.tpeName(), validation.validatedOn(), validationReport()),
                registrationRequestedOn, registration, deregistration, withdrawnOn);
    }

    private DocumentReference validationReport() {
        return documents.stream().filter(d -> DocumentKind.VALIDATION_REPORT.name().equals(d.kind())).reduce((a, b) -> b).map(Document::toContract)
                .orElse(null);
    }

    private boolean alreadyRecorded(JcDecision recorded, JcDecision decision, String what) {
        if (recorded.equals(decision)) {
            return false;
        }
        throw new RuleViolation(ProjectRule.DECISION_CONFLICT, label() + " already has its " + what + " by decision " + recorded.reference() + " of "
                + recorded.decidedOn() + "; got " + decision.reference() + " of " + decision.decidedOn());
    }

    private void requireState(ProjectState required, String action) {
        if (state != required) {
            throw illegal(action, required.name());
        }
    }

    private RuleViolation illegal(String action, String required) {
        return new RuleViolation(ProjectRule.ILLEGAL_TRANSITION, "cannot " + action + " for " + label() + ": it is " + state
                + ", and this step needs " + required);
    }

    private static void checkDate(LocalDate date, LocalDate previous, Clock clock, String what, String previousWhat) {
        notFuture(date, clock, what);
        requireNotBefore(date, previous, what, previousWhat, ProjectRule.DATE_BEFORE_PREVIOUS_STEP);
    }

    private static void notFuture(LocalDate date, Clock clock, String what) {
        requireNotFuture(date, LocalDate.now(clock), what, ProjectRule.DATE_IN_FUTURE);
    }

    private void moveTo(ProjectState next, Clock clock) {
        state = next;
        revision++;
        updatedAt = clock.instant();
    }

    /** The participants that may act on the project (their tokens' {@code jcm_participant}). */
    public Set<String> participantIds() {
        return content.participantIds();
    }

    public String label() {
        return reference != null ? reference : pinReference;
    }

    public UUID id() {
        return id;
    }

    public String hostCountry() {
        return hostCountry;
    }

    public int sectoralScope() {
        return methodology.sectoralScope();
    }
}
