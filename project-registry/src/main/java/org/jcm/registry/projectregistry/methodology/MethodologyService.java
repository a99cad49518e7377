package org.jcm.registry.projectregistry.methodology;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.MethodologyEvent;
import org.jcm.registry.contract.project.MethodologyEvent.MethodologyApproved;
import org.jcm.registry.contract.project.MethodologyEvent.MethodologyProposed;
import org.jcm.registry.contract.project.MethodologyEvent.MethodologyRejected;
import org.jcm.registry.contract.project.MethodologyEvent.MethodologyRevised;
import org.jcm.registry.contract.project.MethodologyEvent.MethodologyWithdrawn;
import org.jcm.registry.contract.project.MethodologySnapshot;
import org.jcm.registry.contract.project.MethodologyState;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.eventlog.HistoryEntry;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;
import org.jcm.registry.platform.security.Caller;
import org.jcm.registry.projectregistry.ReferenceCounters;

/** Every change to a methodology, each committed together with the event that tells the other services. */
@ApplicationScoped
public class MethodologyService {

    public static final String AGGREGATE = "Methodology";

    private final MethodologyRepository methodologies;
    private final KnownCountries countries;
    private final ReferenceCounters counters;
    private final EventStream<MethodologyEvent> events;
    private final Clock clock;

    public MethodologyService(MethodologyRepository methodologies, KnownCountries countries, ReferenceCounters counters, EventStreams streams,
            Clock clock) {
        this.methodologies = methodologies;
        this.countries = countries;
        this.counters = counters;
        this.events = streams.of(AGGREGATE, MethodologyEvent.class);
        this.clock = clock;
    }

    @Transactional
    public MethodologySnapshot propose(String country, String title, int sectoralScope, LocalDate proposedOn, Caller caller) {
        caller.actForCountry(country);
        String actor = caller.actor();
        requireJointCommittee(country);
        Methodology m = Methodology.propose(UUID.randomUUID(), country, title, sectoralScope, proposedOn == null ? LocalDate.now(clock) : proposedOn,
                clock);
        methodologies.persist(m);
        return publish(m, s -> new MethodologyProposed(s, actor));
    }

    @Transactional
    public MethodologySnapshot approve(String id, JcDecision decision, Caller caller) {
        Methodology m = actOn(id, caller);
        String actor = caller.actor();
        m.approve(decision, clock, () -> counters.next(m.country(), ReferenceCounters.Kind.METHODOLOGY));
        return publish(m, s -> new MethodologyApproved(s, actor, decision));
    }

    @Transactional
    public MethodologySnapshot reject(String id, JcDecision decision, String reason, Caller caller) {
        Methodology m = actOn(id, caller);
        String actor = caller.actor();
        m.reject(decision, clock);
        return publish(m, s -> new MethodologyRejected(s, actor, decision, reason));
    }

    @Transactional
    public MethodologySnapshot revise(String id, String title, JcDecision decision, Caller caller) {
        Methodology m = actOn(id, caller);
        String actor = caller.actor();
        int previous = m.version();
        m.revise(title, decision, clock);
        return publish(m, s -> new MethodologyRevised(s, actor, decision, previous));
    }

    @Transactional
    public MethodologySnapshot withdraw(String id, JcDecision decision, String reason, Caller caller) {
        Methodology m = actOn(id, caller);
        String actor = caller.actor();
        m.withdraw(decision, clock);
        return publish(m, s -> new MethodologyWithdrawn(s, actor, decision, reason));
    }

    @Transactional
    public MethodologySnapshot get(String id) {
        return methodologies.byIdOrReference(id).map(Methodology::snapshot).orElseThrow(() -> MethodologyRepository.notFound(id));
    }

    @Transactional
    public List<MethodologySnapshot> list(String country, MethodologyState state) {
        return methodologies.list(country, state).stream().map(Methodology::snapshot).toList();
    }

    @Transactional
    public List<HistoryEntry> history(String id, Caller caller) {
        Methodology m = methodologies.byIdOrReference(id).orElseThrow(() -> MethodologyRepository.notFound(id));
        caller.readCountry(m.country());
        return events.history(m.id().toString());
    }

    /** Locks the methodology for a Joint Committee decision of its country, recorded by that country's operator or partner system. */
    private Methodology actOn(String id, Caller caller) {
        Methodology m = methodologies.lockForChange(id);
        caller.actForCountry(m.country());
        return m;
    }

    private void requireJointCommittee(String code) {
        CountrySnapshot country = countries.find(code).orElseThrow(() -> new RuleViolation(MethodologyRule.UNKNOWN_COUNTRY,
                "no partner country " + code + " is known here (yet): see /api/countries"));
        if (country.state() != CountryState.JOINT_COMMITTEE_ESTABLISHED && country.state() != CountryState.ACTIVE
                && country.state() != CountryState.SUSPENDED) {
            throw new RuleViolation(MethodologyRule.COUNTRY_WITHOUT_JOINT_COMMITTEE, code + " is " + country.state()
                    + ": methodologies need the country's Joint Committee");
        }
    }

    private MethodologySnapshot publish(Methodology m, Function<MethodologySnapshot, MethodologyEvent> event) {
        MethodologySnapshot snapshot = m.snapshot();
        events.append(snapshot.id(), event.apply(snapshot));
        return snapshot;
    }
}
