package org.jcm.registry.projectregistry.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectSnapshot.CityCollaboration;
import org.jcm.registry.contract.project.ProjectSnapshot.CreditAllocation;
import org.jcm.registry.contract.project.ProjectSnapshot.Period;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * A JCM project through its cycle. Each step is a method that checks the state and the date it is given; the
 * Joint Committee's steps record the decision's reference and date. Nothing is set from outside.
 */
@Entity
@Table(name = "project")
public class Project {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Id
    private UUID id;

    @Column(name = "pin_reference", nullable = false, columnDefinition = "text")
    private String pinReference;

    @Column(columnDefinition = "text")
    private String reference;

    @Column(nullable = false, columnDefinition = "text")
    private String title;

    @Column(name = "host_country", nullable = false, length = 2)
    private String hostCountry;

    @Column(name = "methodology_id", nullable = false)
    private UUID methodologyId;

    @Column(name = "methodology_reference", nullable = false, columnDefinition = "text")
    private String methodologyReference;

    @Column(name = "methodology_version", nullable = false)
    private int methodologyVersion;

    @Column(name = "sectoral_scope", nullable = false)
    private int sectoralScope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private ProjectState state;

    @Column(nullable = false)
    private long revision;

    @ElementCollection
    @CollectionTable(name = "project_participant", joinColumns = @JoinColumn(name = "project_id"))
    @OrderColumn(name = "position")
    private List<Participant> participants = new ArrayList<>();

    @Column(name = "crediting_period_start", nullable = false)
    private LocalDate creditingPeriodStart;

    @Column(name = "crediting_period_end", nullable = false)
    private LocalDate creditingPeriodEnd;

    @Column(name = "estimated_annual_reductions", nullable = false)
    private long estimatedAnnualReductions;

    @Column(name = "allocation_government_of_japan", nullable = false, precision = 5, scale = 2)
    private BigDecimal allocationGovernmentOfJapan;

    @Column(name = "allocation_partner_government", nullable = false, precision = 5, scale = 2)
    private BigDecimal allocationPartnerGovernment;

    @Column(name = "allocation_participants", nullable = false, precision = 5, scale = 2)
    private BigDecimal allocationParticipants;

    @Column(name = "japanese_city", columnDefinition = "text")
    private String japaneseCity;

    @Column(name = "partner_city", columnDefinition = "text")
    private String partnerCity;

    @ElementCollection
    @CollectionTable(name = "project_document", joinColumns = @JoinColumn(name = "project_id"))
    @OrderColumn(name = "position")
    private List<Document> documents = new ArrayList<>();

    @Column(name = "submitted_on", nullable = false)
    private LocalDate submittedOn;

    @Column(name = "no_objection_reference", columnDefinition = "text")
    private String noObjectionReference;

    @Column(name = "no_objection_on")
    private LocalDate noObjectionOn;

    @Column(name = "design_published_on")
    private LocalDate designPublishedOn;

    @Column(name = "validation_tpe_id", columnDefinition = "text")
    private String validationTpeId;

    @Column(name = "validation_tpe_name", columnDefinition = "text")
    private String validationTpeName;

    @Column(name = "validated_on")
    private LocalDate validatedOn;

    @Column(name = "registration_requested_on")
    private LocalDate registrationRequestedOn;

    @Column(name = "registration_reference", columnDefinition = "text")
    private String registrationReference;

    @Column(name = "registered_on")
    private LocalDate registeredOn;

    @Column(name = "deregistration_reference", columnDefinition = "text")
    private String deregistrationReference;

    @Column(name = "deregistered_on")
    private LocalDate deregisteredOn;

    @Column(name = "withdrawn_on")
    private LocalDate withdrawnOn;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Project() {}

    /** What a project idea note says about the project. */
    public record Content(String title, List<Participant> participants, Period creditingPeriod, long estimatedAnnualReductions,
            CreditAllocation creditAllocation, CityCollaboration cityCollaboration, List<DocumentReference> documents) {}

    /** The methodology a project applies, as approved in its host country. */
    public record MethodologyRef(UUID id, String reference, int version, int sectoralScope) {}

    /** Submits a project idea note: the content is checked here, the participation rules by the caller. */
    public static Project submitIdea(UUID id, String pinReference, String hostCountry, MethodologyRef methodology, Content content,
            LocalDate submittedOn, LocalDate today) {
        requireNotFuture(submittedOn, today, "submission date");
        checkParticipants(content.participants());
        checkCreditingPeriod(content.creditingPeriod());
        checkAllocation(content.creditAllocation());
        CityCollaboration city = content.cityCollaboration();
        if (city != null && (blank(city.japaneseCity()) || blank(city.partnerCity()))) {
            throw new RuleViolation(ProjectRule.INVALID_CITY_COLLABORATION, "got Japanese city '" + city.japaneseCity() + "' and partner city '"
                    + city.partnerCity() + "'");
        }
        if (content.estimatedAnnualReductions() < 0) {
            throw new RuleViolation(ProjectRule.INVALID_CREDITING_PERIOD, "estimated annual reductions cannot be negative");
        }
        Project p = new Project();
        p.id = id;
        p.pinReference = pinReference;
        p.hostCountry = hostCountry;
        p.title = content.title();
        p.methodologyId = methodology.id();
        p.methodologyReference = methodology.reference();
        p.methodologyVersion = methodology.version();
        p.sectoralScope = methodology.sectoralScope();
        p.participants.addAll(content.participants());
        p.creditingPeriodStart = content.creditingPeriod().start();
        p.creditingPeriodEnd = content.creditingPeriod().end();
        p.estimatedAnnualReductions = content.estimatedAnnualReductions();
        p.allocationGovernmentOfJapan = content.creditAllocation().governmentOfJapan();
        p.allocationPartnerGovernment = content.creditAllocation().partnerGovernment();
        p.allocationParticipants = content.creditAllocation().participants();
        if (city != null) {
            p.japaneseCity = city.japaneseCity().trim();
            p.partnerCity = city.partnerCity().trim();
        }
        if (content.documents() != null) {
            content.documents().forEach(d -> p.documents.add(Document.atSubmission(d)));
        }
        p.submittedOn = submittedOn;
        p.state = ProjectState.IDEA_SUBMITTED;
        p.revision = 1;
        p.createdAt = Instant.now();
        p.updatedAt = p.createdAt;
        return p;
    }

    /**
     * The Joint Committee raised no objection. Returns false, changing nothing, if this very decision was already
     * recorded (a partner system's redelivery, say); a different decision for a step already taken is refused.
     */
    public boolean grantNoObjection(JcDecision decision, LocalDate today) {
        if (noObjectionReference != null) {
            return alreadyRecorded(noObjectionReference, noObjectionOn, decision, "no objection");
        }
        requireState(ProjectState.IDEA_SUBMITTED, "record the Joint Committee's no objection");
        checkDate(decision.decidedOn(), submittedOn, today, "no-objection decision", "the idea note was submitted");
        noObjectionReference = decision.reference();
        noObjectionOn = decision.decidedOn();
        moveTo(ProjectState.NO_OBJECTION);
        return true;
    }

    /** The project design document is published for public input. Returns the document as recorded. */
    public DocumentReference publishDesign(LocalDate publishedOn, DocumentReference designDocument, LocalDate today) {
        requireState(ProjectState.NO_OBJECTION, "publish the project design document");
        checkDate(publishedOn, noObjectionOn, today, "publication date", "the Joint Committee raised no objection");
        Document pdd = Document.of(DocumentKind.PDD, designDocument);
        documents.add(pdd);
        designPublishedOn = publishedOn;
        moveTo(ProjectState.DESIGN_PUBLISHED);
        return pdd.toContract();
    }

    /** A TPE validated the project: the caller checked its designation for the scope on the validation date. */
    public void validate(TpeDesignation tpe, LocalDate on, DocumentReference report, LocalDate today) {
        requireState(ProjectState.DESIGN_PUBLISHED, "record the validation");
        checkDate(on, designPublishedOn, today, "validation date", "the design document was published");
        documents.add(Document.of(DocumentKind.VALIDATION_REPORT, report));
        validationTpeId = tpe.tpeId();
        validationTpeName = tpe.name();
        validatedOn = on;
        moveTo(ProjectState.VALIDATED);
    }

    public void requestRegistration(LocalDate on, LocalDate today) {
        requireState(ProjectState.VALIDATED, "request registration");
        checkDate(on, validatedOn, today, "registration request date", "the project was validated");
        registrationRequestedOn = on;
        moveTo(ProjectState.REGISTRATION_REQUESTED);
    }

    /**
     * The Joint Committee registered the project: it gets the next project reference of its country, taken only
     * once the step is allowed. Returns false, changing nothing, if this very decision was already recorded.
     */
    public boolean register(JcDecision decision, LocalDate today, Supplier<String> nextReference) {
        if (registrationReference != null) {
            return alreadyRecorded(registrationReference, registeredOn, decision, "registration");
        }
        requireState(ProjectState.REGISTRATION_REQUESTED, "register the project");
        checkDate(decision.decidedOn(), registrationRequestedOn, today, "registration decision", "registration was requested");
        reference = nextReference.get();
        registrationReference = decision.reference();
        registeredOn = decision.decidedOn();
        moveTo(ProjectState.REGISTERED);
        return true;
    }

    /** Participants withdraw the project before its registration. */
    public void withdraw(LocalDate on, LocalDate today) {
        if (!ProjectState.BEFORE_REGISTRATION.contains(state)) {
            throw illegal("withdraw the project", "a state before REGISTERED");
        }
        checkDate(on, submittedOn, today, "withdrawal date", "the idea note was submitted");
        withdrawnOn = on;
        moveTo(ProjectState.WITHDRAWN);
    }

    /** The Joint Committee deregistered a registered project; its history and reference stay. */
    public void deregister(JcDecision decision, LocalDate today) {
        requireState(ProjectState.REGISTERED, "deregister the project");
        checkDate(decision.decidedOn(), registeredOn, today, "deregistration decision", "the project was registered");
        deregistrationReference = decision.reference();
        deregisteredOn = decision.decidedOn();
        moveTo(ProjectState.DEREGISTERED);
    }

    /** Monitoring covers the days of the crediting period only. */
    public boolean creditingPeriodCovers(Period period) {
        return !period.start().isBefore(creditingPeriodStart) && !period.end().isAfter(creditingPeriodEnd);
    }

    public ProjectSnapshot snapshot() {
        return new ProjectSnapshot(id.toString(), pinReference, reference, title, hostCountry, methodologyId.toString(), methodologyReference,
                methodologyVersion, sectoralScope, state, revision, participants.stream().map(Participant::toContract).toList(),
                new Period(creditingPeriodStart, creditingPeriodEnd), estimatedAnnualReductions, creditAllocation(),
                japaneseCity == null ? null : new CityCollaboration(japaneseCity, partnerCity),
                documents.stream().map(Document::toContract).toList(), submittedOn,
                noObjectionOn == null ? null : new JcDecision(noObjectionReference, noObjectionOn), designPublishedOn,
                validatedOn == null ? null : new ProjectSnapshot.Validation(validationTpeId, validationTpeName, validatedOn, validationReport()),
                registrationRequestedOn, registeredOn == null ? null : new JcDecision(registrationReference, registeredOn),
                deregisteredOn == null ? null : new JcDecision(deregistrationReference, deregisteredOn), withdrawnOn);
    }

    public CreditAllocation creditAllocation() {
        return new CreditAllocation(allocationGovernmentOfJapan, allocationPartnerGovernment, allocationParticipants);
    }

    private DocumentReference validationReport() {
        for (int i = documents.size() - 1; i >= 0; i--) {
            if (DocumentKind.VALIDATION_REPORT.name().equals(documents.get(i).kind())) {
                return documents.get(i).toContract();
            }
        }
        return null;
    }

    private static void checkParticipants(List<Participant> participants) {
        long focalPoints = participants == null ? 0 : participants.stream().filter(Participant::focalPoint).count();
        if (focalPoints != 1) {
            throw new RuleViolation(ProjectRule.FOCAL_POINT, "got " + focalPoints + " focal points among " + (participants == null ? 0 : participants.size())
                    + " participants");
        }
    }

    private static void checkCreditingPeriod(Period period) {
        if (period == null || period.start() == null || period.end() == null || period.end().isBefore(period.start())) {
            throw new RuleViolation(ProjectRule.INVALID_CREDITING_PERIOD, "got " + period);
        }
    }

    static void checkAllocation(CreditAllocation a) {
        if (a == null || a.governmentOfJapan() == null || a.partnerGovernment() == null || a.participants() == null) {
            throw new RuleViolation(ProjectRule.ALLOCATION_NOT_100, "all three shares are needed (Government of Japan, partner government, participants)");
        }
        for (BigDecimal share : List.of(a.governmentOfJapan(), a.partnerGovernment(), a.participants())) {
            if (share.signum() < 0 || share.compareTo(HUNDRED) > 0 || share.stripTrailingZeros().scale() > 2) {
                throw new RuleViolation(ProjectRule.ALLOCATION_NOT_100, "share " + share.toPlainString() + " is not a percentage with at most two decimals");
            }
        }
        BigDecimal sum = a.governmentOfJapan().add(a.partnerGovernment()).add(a.participants());
        if (sum.compareTo(HUNDRED) != 0) {
            throw new RuleViolation(ProjectRule.ALLOCATION_NOT_100, "the shares add up to " + sum.toPlainString() + "%");
        }
    }

    private boolean alreadyRecorded(String recordedReference, LocalDate recordedOn, JcDecision decision, String what) {
        if (recordedReference.equals(decision.reference()) && recordedOn.equals(decision.decidedOn())) {
            return false;
        }
        throw new RuleViolation(ProjectRule.DECISION_CONFLICT, label() + " already has its " + what + " by decision " + recordedReference + " of "
                + recordedOn + "; got " + decision.reference() + " of " + decision.decidedOn());
    }

    private void requireState(ProjectState required, String action) {
        if (state != required) {
            throw illegal(action, required.name());
        }
    }

    private RuleViolation illegal(String action, String required) {
        return new RuleViolation(ProjectRule.ILLEGAL_TRANSITION, "cannot " + action + " for " + label() + ": it is " + state + ", and this step needs "
                + required);
    }

    private static void checkDate(LocalDate date, LocalDate previous, LocalDate today, String what, String previousWhat) {
        requireNotFuture(date, today, what);
        if (previous != null && date.isBefore(previous)) {
            throw new RuleViolation(ProjectRule.DATE_BEFORE_PREVIOUS_STEP, "the " + what + " " + date + " precedes " + previous + ", when " + previousWhat);
        }
    }

    private static void requireNotFuture(LocalDate date, LocalDate today, String what) {
        if (date.isAfter(today)) {
            throw new RuleViolation(ProjectRule.DATE_IN_FUTURE, "the " + what + " " + date + " is after today (" + today + ")");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void moveTo(ProjectState next) {
        state = next;
        revision++;
        updatedAt = Instant.now();
    }

    public String label() {
        return reference != null ? reference : pinReference;
    }

    public UUID id() {
        return id;
    }

    public String pinReference() {
        return pinReference;
    }

    public String reference() {
        return reference;
    }

    public String hostCountry() {
        return hostCountry;
    }

    public UUID methodologyId() {
        return methodologyId;
    }

    public String methodologyReference() {
        return methodologyReference;
    }

    public int sectoralScope() {
        return sectoralScope;
    }

    public ProjectState state() {
        return state;
    }
}
