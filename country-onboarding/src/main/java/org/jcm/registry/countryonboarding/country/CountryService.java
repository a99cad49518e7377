package org.jcm.registry.countryonboarding.country;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountryEvent.Article6SettingsChanged;
import org.jcm.registry.contract.country.CountryEvent.BilateralDocumentSigned;
import org.jcm.registry.contract.country.CountryEvent.JointCommitteeEstablished;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryActivated;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryProposed;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryReinstated;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountrySuspended;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryTerminated;
import org.jcm.registry.contract.country.CountryEvent.ThirdPartyEntityDesignated;
import org.jcm.registry.contract.country.CountryEvent.ThirdPartyEntityWithdrawn;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Article6Settings;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.contract.partner.CountryPartnerEvent.JointCommitteeEstablishmentNotified;
import org.jcm.registry.contract.partner.CountryPartnerEvent.TpeDesignationNotified;
import org.jcm.registry.contract.partner.CountryPartnerEvent.TpeWithdrawalNotified;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;
import org.jcm.registry.platform.eventlog.HistoryEntry;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.security.Caller;

/** Every change to a partner country, each committed together with the event that tells the other services. */
@ApplicationScoped
public class CountryService {

    static final String AGGREGATE = "PartnerCountry";

    private final CountryRepository countries;
    private final EventStream<CountryEvent> events;
    private final Clock clock;

    public CountryService(CountryRepository countries, EventStreams streams, Clock clock) {
        this.countries = countries;
        this.events = streams.of(AGGREGATE, CountryEvent.class);
        this.clock = clock;
    }

    @Transactional
    public CountrySnapshot propose(String code, String alpha3, String name, Caller caller) {
        caller.actGlobally("propose a partner country");
        String actor = caller.actor();
        PartnerCountry country = PartnerCountry.propose(IsoCountry.of(code, alpha3), name, clock);
        if (countries.byCode(country.code()).isPresent()) {
            throw new RuleViolation(CountryRule.ALREADY_ONBOARDED, country.code() + " is already onboarded; see /api/countries/" + country.code());
        }
        countries.persist(country);
        return publish(country, actor, s -> new PartnerCountryProposed(s, actor));
    }

    @Transactional
    public CountrySnapshot signBilateralDocument(String code, LocalDate signedOn, Caller caller) {
        caller.actForCountry(code);
        String actor = caller.actor();
        return change(code, actor, c -> c.signBilateralDocument(signedOn, clock), s -> new BilateralDocumentSigned(s, actor, signedOn));
    }

    @Transactional
    public CountrySnapshot establishJointCommittee(String code, LocalDate establishedOn, Caller caller) {
        caller.actForCountry(code);
        String actor = caller.actor();
        return change(code, actor, c -> c.establishJointCommittee(establishedOn, clock), s -> new JointCommitteeEstablished(s, actor, establishedOn));
    }

    @Transactional
    public CountrySnapshot activate(String code, LocalDate activatedOn, RegistryIdentity registry, String partnerSystemClientId, Caller caller) {
        caller.actGlobally("activate a partner country");
        String actor = caller.actor();
        if (registry.registryCode() != null && countries.registryCodeTakenByOther(registry.registryCode(), code)) {
            throw new RuleViolation(CountryRule.REGISTRY_CODE_TAKEN, "registry code " + registry.registryCode() + " belongs to another country");
        }
        return change(code, actor, c -> c.activate(activatedOn, registry, partnerSystemClientId, clock),
                s -> new PartnerCountryActivated(s, actor, activatedOn));
    }

    @Transactional
    public CountrySnapshot suspend(String code, LocalDate suspendedOn, String reason, Caller caller) {
        caller.actGlobally("suspend a partner country");
        String actor = caller.actor();
        return change(code, actor, c -> c.suspend(suspendedOn, reason, clock),
                s -> new PartnerCountrySuspended(s, actor, suspendedOn, reason.strip()));
    }

    @Transactional
    public CountrySnapshot reinstate(String code, LocalDate reinstatedOn, Caller caller) {
        caller.actGlobally("reinstate a partner country");
        String actor = caller.actor();
        return change(code, actor, c -> c.reinstate(reinstatedOn, clock), s -> new PartnerCountryReinstated(s, actor, reinstatedOn));
    }

    @Transactional
    public CountrySnapshot terminate(String code, LocalDate terminatedOn, String reason, Caller caller) {
        caller.actGlobally("terminate a partnership");
        String actor = caller.actor();
        return change(code, actor, c -> c.terminate(terminatedOn, reason, clock),
                s -> new PartnerCountryTerminated(s, actor, terminatedOn, reason.strip()));
    }

    @Transactional
    public TpeDesignation designateTpe(String code, String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn, Caller caller) {
        caller.actForCountry(code);
        String actor = caller.actor();
        PartnerCountry country = countries.lockForChange(code);
        TpeDesignation designation = country.designateTpe(tpeId, name, sectoralScopes, designatedOn, clock);
        publish(country, actor, s -> new ThirdPartyEntityDesignated(s, actor, designation));
        return designation;
    }

    @Transactional
    public TpeDesignation withdrawTpe(String code, String tpeId, LocalDate withdrawnOn, Caller caller) {
        caller.actForCountry(code);
        String actor = caller.actor();
        PartnerCountry country = countries.lockForChange(code);
        TpeDesignation designation = country.withdrawTpe(tpeId, withdrawnOn, clock);
        publish(country, actor, s -> new ThirdPartyEntityWithdrawn(s, actor, tpeId, withdrawnOn));
        return designation;
    }

    /** Sets the Article 6 settings; settings equal to the current ones are no change and publish nothing. */
    @Transactional
    public CountrySnapshot changeArticle6Settings(String code, Article6Settings settings, Caller caller) {
        caller.actForCountry(code);
        String actor = caller.actor();
        PartnerCountry country = countries.lockForChange(code);
        if (!country.changeArticle6Settings(settings, clock)) {
            return country.snapshot();
        }
        return publish(country, actor, s -> new Article6SettingsChanged(s, actor, settings));
    }

    /**
     * Applies a Joint Committee decision the country's partner system published, as that system ({@code partner:XX}),
     * through the same step as an operator's request, once the country has accepted such a decision in its state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPartnerDecision(CountryPartnerEvent decision, Caller partner) {
        String code = decision.country();
        countries.lockForChange(code).acceptPartnerDecision(decision);
        if (decision instanceof JointCommitteeEstablishmentNotified jc) {
            establishJointCommittee(code, jc.establishedOn(), partner);
        } else if (decision instanceof TpeDesignationNotified d) {
            designateTpe(code, d.tpeId(), d.name(), d.sectoralScopes(), d.designatedOn(), partner);
        } else if (decision instanceof TpeWithdrawalNotified w) {
            withdrawTpe(code, w.tpeId(), w.withdrawnOn(), partner);
        }
    }

    @Transactional
    public List<TpeDesignation> tpes(String code, Integer scope, LocalDate on) {
        return find(code).tpes().designatedFor(scope, on);
    }

    @Transactional
    public TpeDesignation tpe(String code, String tpeId) {
        return find(code).tpes().designation(tpeId)
                .orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_TPE, "no TPE " + tpeId + " was designated in " + code));
    }

    /** Every event of the country from the event log, oldest first. */
    @Transactional
    public List<HistoryEntry> history(String code, Caller caller) {
        caller.readCountry(code);
        find(code);
        return events.history(code);
    }

    /** Japan exists from the start; its activation event tells the other services to open its registry. */
    @Transactional
    public void ensureJapan() {
        if (countries.byCode(PartnerCountry.JAPAN).isEmpty()) {
            PartnerCountry japan = PartnerCountry.japan(clock);
            countries.persist(japan);
            publish(japan, "system", s -> new PartnerCountryActivated(s, "system", null));
        }
    }

    @Transactional
    public CountrySnapshot get(String code) {
        return find(code).snapshot();
    }

    @Transactional
    public List<CountrySnapshot> list(CountryState state) {
        return countries.list(state).stream().map(PartnerCountry::snapshot).toList();
    }

    private PartnerCountry find(String code) {
        return countries.byCode(code).orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_COUNTRY, "no partner country " + code));
    }

    /** Locks the country, takes one step on it, and publishes the event describing the result. */
    private CountrySnapshot change(String code, String actor, Consumer<PartnerCountry> step, Function<CountrySnapshot, CountryEvent> event) {
        PartnerCountry country = countries.lockForChange(code);
        step.accept(country);
        return publish(country, actor, event);
    }

    private CountrySnapshot publish(PartnerCountry country, String actor, Function<CountrySnapshot, CountryEvent> event) {
        country.changedBy(actor);
        CountrySnapshot snapshot = country.snapshot();
        events.append(country.code(), event.apply(snapshot));
        return snapshot;
    }
}
