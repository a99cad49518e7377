package org.jcm.registry.projectregistry.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.partner.ProjectPartnerEvent;
import org.jcm.registry.contract.partner.ProjectPartnerEvent.ProjectRegistrationNotified;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectEvent.ProjectDeregistered;
import org.jcm.registry.contract.project.ProjectEvent.ProjectDesignPublished;
import org.jcm.registry.contract.project.ProjectEvent.ProjectIdeaSubmitted;
import org.jcm.registry.contract.project.ProjectEvent.ProjectNoObjectionGranted;
import org.jcm.registry.contract.project.ProjectEvent.ProjectRegistered;
import org.jcm.registry.contract.project.ProjectEvent.ProjectRegistrationRequested;
import org.jcm.registry.contract.project.ProjectEvent.ProjectValidated;
import org.jcm.registry.contract.project.ProjectEvent.ProjectWithdrawn;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.eventlog.HistoryEntry;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.projectregistry.ReferenceCounters;
import org.jcm.registry.projectregistry.methodology.Methodology;
import org.jcm.registry.projectregistry.methodology.MethodologyRepository;

/**
 * Every step of the project cycle, each committed together with the event that tells the other services. The
 * operator's requests and the partner systems' Joint Committee decisions both come through here.
 */
@ApplicationScoped
public class ProjectService {

    public static final String AGGREGATE = "Project";

    private final ProjectRepository projects;
    private final MethodologyRepository methodologies;
    private final KnownCountries countries;
    private final ReferenceCounters counters;
    private final EventStream<ProjectEvent> events;
    private final Clock clock;

    public ProjectService(ProjectRepository projects, MethodologyRepository methodologies, KnownCountries countries, ReferenceCounters counters,
            EventStreams streams, Clock clock) {
        this.projects = projects;
        this.methodologies = methodologies;
        this.countries = countries;
        this.counters = counters;
        this.events = streams.of(AGGREGATE, ProjectEvent.class);
        this.clock = clock;
    }

    @Transactional
    public ProjectSnapshot submitIdea(String hostCountry, String methodology, IdeaNote note, LocalDate submittedOn, Caller caller) {
        caller.actForProject("submitted to " + hostCountry, hostCountry, note.participantIds());
        String actor = caller.actor();
        Participation.requireActive(countries.find(hostCountry), hostCountry, "take a new project");
        Methodology m = methodologies.byIdOrReference(methodology)
                .filter(x -> x.country().equals(hostCountry) && x.takesNewProjects())
                .orElseThrow(() -> new RuleViolation(ProjectRule.METHODOLOGY_NOT_USABLE, "'" + methodology
                        + "' is not an approved, not withdrawn methodology of " + hostCountry + "; see /api/methodologies?country=" + hostCountry
                        + "&state=APPROVED"));
        MethodologyRef ref = new MethodologyRef(m.id(), m.reference(), m.version(), m.sectoralScope());
        // A refused idea note rolls its number back with the transaction: numbers are used once, in order.
        Project p = Project.submitIdea(UUID.randomUUID(), counters.next(hostCountry, ReferenceCounters.Kind.PIN), hostCountry, ref, note,
                submittedOn == null ? LocalDate.now(clock) : submittedOn, clock);
        projects.persist(p);
        return publish(p, s -> new ProjectIdeaSubmitted(s, actor));
    }

    @Transactional
    public ProjectSnapshot grantNoObjection(String id, JcDecision decision, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        if (!p.grantNoObjection(decision, clock)) {
            return p.snapshot();
        }
        return publish(p, s -> new ProjectNoObjectionGranted(s, actor, decision));
    }

    @Transactional
    public ProjectSnapshot publishDesign(String id, LocalDate publishedOn, DocumentReference designDocument, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        DocumentReference recorded = p.publishDesign(publishedOn, designDocument, clock);
        return publish(p, s -> new ProjectDesignPublished(s, actor, publishedOn, recorded));
    }

    @Transactional
    public ProjectSnapshot validate(String id, String tpeId, LocalDate validatedOn, DocumentReference report, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        TpeDesignation tpe = Participation.requireDesignatedTpe(knownCountry(p.hostCountry()), tpeId, p.sectoralScope(), validatedOn);
        p.validate(tpe, validatedOn, report, clock);
        return publish(p, s -> new ProjectValidated(s, actor, s.validation()));
    }

    @Transactional
    public ProjectSnapshot requestRegistration(String id, LocalDate requestedOn, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        Participation.requireActive(countries.find(p.hostCountry()), p.hostCountry(), "request the registration of " + p.label());
        p.requestRegistration(requestedOn == null ? LocalDate.now(clock) : requestedOn, clock);
        return publish(p, s -> new ProjectRegistrationRequested(s, actor, s.registrationRequestedOn()));
    }

    @Transactional
    public ProjectSnapshot register(String id, JcDecision decision, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        boolean registered = p.register(decision, clock, () -> {
            Participation.requireActive(countries.find(p.hostCountry()), p.hostCountry(), "register " + p.label());
            return counters.next(p.hostCountry(), ReferenceCounters.Kind.PROJECT);
        });
        if (!registered) {
            return p.snapshot();
        }
        return publish(p, s -> new ProjectRegistered(s, actor, decision));
    }

    @Transactional
    public ProjectSnapshot withdraw(String id, LocalDate withdrawnOn, String reason, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        p.withdraw(withdrawnOn == null ? LocalDate.now(clock) : withdrawnOn, clock);
        return publish(p, s -> new ProjectWithdrawn(s, actor, s.withdrawnOn(), reason));
    }

    @Transactional
    public ProjectSnapshot deregister(String id, JcDecision decision, String reason, Caller caller) {
        Project p = actOn(id, caller);
        String actor = caller.actor();
        p.deregister(decision, clock);
        return publish(p, s -> new ProjectDeregistered(s, actor, decision, reason));
    }

    /** Applies a Joint Committee decision a partner-country system published, exactly as an operator's request, as {@code partner:XX}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProjectSnapshot applyPartnerDecision(ProjectPartnerEvent decision) {
        Project p = projects.byPinReference(decision.pinReference()).orElseThrow(() -> new RuleViolation(ProjectRule.NO_SUCH_PROJECT,
                "no project has the idea-note reference " + decision.pinReference()));
        if (!p.hostCountry().equals(decision.country())) {
            throw new RuleViolation(ProjectRule.COUNTRY_MISMATCH, decision.pinReference() + " is a project of " + p.hostCountry() + ", not of "
                    + decision.country());
        }
        JcDecision jc = new JcDecision(decision.decisionReference(), decision.decidedOn());
        Caller partner = Caller.partnerSystem(decision.country());
        return decision instanceof ProjectRegistrationNotified
                ? register(p.id().toString(), jc, partner)
                : grantNoObjection(p.id().toString(), jc, partner);
    }

    @Transactional
    public ProjectSnapshot get(String id) {
        return projects.byIdentifier(id).map(Project::snapshot).orElseThrow(() -> ProjectRepository.notFound(id));
    }

    @Transactional
    public List<ProjectSnapshot> search(String country, ProjectState state, String methodology, String city) {
        UUID methodologyId = null;
        String methodologyReference = null;
        if (methodology != null && !methodology.isBlank()) {
            try {
                methodologyId = UUID.fromString(methodology);
            } catch (IllegalArgumentException notAUuid) {
                methodologyReference = methodology;
            }
        }
        return projects.search(country, state, methodologyId, methodologyReference, city).stream().map(Project::snapshot).toList();
    }

    @Transactional
    public List<HistoryEntry> history(String id, Caller caller) {
        Project p = projects.byIdentifier(id).orElseThrow(() -> ProjectRepository.notFound(id));
        caller.readProject(p.label(), p.hostCountry(), p.participantIds());
        return events.history(p.id().toString());
    }

    /** Appends an event about a project (its own, or one of its monitoring reports and verifications) in this transaction. */
    public void append(Project p, ProjectEvent event) {
        events.append(p.id().toString(), event);
    }

    /** Locks the project for a change by this caller: its host country's operator or partner system, or a participant it names. */
    Project actOn(String id, Caller caller) {
        Project p = projects.lockForChange(id);
        caller.actForProject(p.label(), p.hostCountry(), p.participantIds());
        return p;
    }

    private CountrySnapshot knownCountry(String code) {
        return countries.find(code)
                .orElseThrow(() -> new RuleViolation(ProjectRule.UNKNOWN_COUNTRY, "no partner country " + code + " is known here"));
    }

    private ProjectSnapshot publish(Project p, Function<ProjectSnapshot, ProjectEvent> event) {
        ProjectSnapshot snapshot = p.snapshot();
        append(p, event.apply(snapshot));
        return snapshot;
    }
}
