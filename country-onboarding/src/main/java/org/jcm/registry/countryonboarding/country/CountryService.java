package org.jcm.registry.countryonboarding.country;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountryEvent.BilateralDocumentSigned;
import org.jcm.registry.contract.country.CountryEvent.JointCommitteeEstablished;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryActivated;
import org.jcm.registry.contract.country.CountryEvent.Article6SettingsChanged;
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
import org.jcm.registry.platform.eventlog.EventLog;
import org.jcm.registry.platform.eventlog.EventLogEntry;
import org.jcm.registry.platform.problem.RuleViolation;

/** Every change to a partner country, each committed together with the event that tells the other services. */
@ApplicationScoped
public class CountryService {

    static final String AGGREGATE = "PartnerCountry";

    private final CountryRepository countries;
    private final EventLog eventLog;
    private final Clock clock;
    private final ObjectMapper mapper;

    public CountryService(CountryRepository countries, EventLog eventLog, Clock clock, ObjectMapper mapper) {
        this.mapper = mapper;
        this.countries = countries;
        this.eventLog = eventLog;
        this.clock = clock;
    }

    @Transactional
    public CountrySnapshot propose(String code, String alpha3, String name, String actor) {
        IsoCountry iso = IsoCountry.of(code, alpha3);
        if (PartnerCountry.JAPAN.equals(iso.alpha2())) {
            throw new RuleViolation(CountryRule.JAPAN_IS_FIXED, "Japan is present from the start and is not proposed as a partner");
        }
        if (countries.byCode(iso.alpha2()).isPresent()) {
            throw new RuleViolation(CountryRule.ALREADY_ONBOARDED, iso.alpha2() + " is already onboarded; see /api/countries/" + iso.alpha2());
        }
        PartnerCountry country = PartnerCountry.propose(iso, name);
        countries.persist(country);
        return publish(country, actor, s -> new PartnerCountryProposed(s, actor));
    }

    @Transactional
    public CountrySnapshot signBilateralDocument(String code, LocalDate signedOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.signBilateralDocument(signedOn, today());
        return publish(country, actor, s -> new BilateralDocumentSigned(s, actor, signedOn));
    }

    @Transactional
    public CountrySnapshot establishJointCommittee(String code, LocalDate establishedOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.establishJointCommittee(establishedOn, today());
        return publish(country, actor, s -> new JointCommitteeEstablished(s, actor, establishedOn));
    }

    @Transactional
    public CountrySnapshot activate(String code, LocalDate activatedOn, RegistryIdentity registry, String partnerSystemClientId, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        if (registry.registryCode() != null && countries.registryCodeTakenByOther(registry.registryCode(), code)) {
            throw new RuleViolation(CountryRule.REGISTRY_CODE_TAKEN, "registry code " + registry.registryCode() + " belongs to another country");
        }
        country.activate(activatedOn, registry, partnerSystemClientId, today());
        return publish(country, actor, s -> new PartnerCountryActivated(s, actor, activatedOn));
    }

    @Transactional
    public CountrySnapshot suspend(String code, LocalDate suspendedOn, String reason, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.suspend(suspendedOn, reason, today());
        return publish(country, actor, s -> new PartnerCountrySuspended(s, actor, suspendedOn, reason.strip()));
    }

    @Transactional
    public CountrySnapshot reinstate(String code, LocalDate reinstatedOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.reinstate(reinstatedOn, today());
        return publish(country, actor, s -> new PartnerCountryReinstated(s, actor, reinstatedOn));
    }

    @Transactional
    public CountrySnapshot terminate(String code, LocalDate terminatedOn, String reason, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.terminate(terminatedOn, reason, today());
        return publish(country, actor, s -> new PartnerCountryTerminated(s, actor, terminatedOn, reason.strip()));
    }

    @Transactional
    public TpeDesignation designateTpe(String code, String tpeId, String name, List<Integer> sectoralScopes, LocalDate designatedOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        TpeDesignation designation = country.designateTpe(tpeId, name, sectoralScopes, designatedOn, today());
        publish(country, actor, s -> new ThirdPartyEntityDesignated(s, actor, designation));
        return designation;
    }

    @Transactional
    public TpeDesignation withdrawTpe(String code, String tpeId, LocalDate withdrawnOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        TpeDesignation designation = country.withdrawTpe(tpeId, withdrawnOn, today());
        publish(country, actor, s -> new ThirdPartyEntityWithdrawn(s, actor, tpeId, withdrawnOn));
        return designation;
    }

    /** Sets the Article 6 settings; settings equal to the current ones are no change and publish nothing. */
    @Transactional
    public CountrySnapshot changeArticle6Settings(String code, Article6Settings settings, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        if (!country.changeArticle6Settings(settings)) {
            return country.snapshot();
        }
        return publish(country, actor, s -> new Article6SettingsChanged(s, actor, settings));
    }

    @Transactional
    public List<TpeDesignation> tpes(String code, Integer scope, LocalDate on) {
        return find(code).tpes(scope, on);
    }

    @Transactional
    public TpeDesignation tpe(String code, String tpeId) {
        return find(code).tpeDesignation(tpeId)
                .orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_TPE, "no TPE " + tpeId + " was designated in " + code));
    }

    /** Every event of the country from the event log, oldest first. */
    @Transactional
    public List<HistoryEntry> history(String code) {
        find(code);
        return eventLog.history(AGGREGATE, code).stream().map(this::historyEntry).toList();
    }

    /** One change of a country as its history shows it: the event as published, with who made it. */
    public record HistoryEntry(UUID eventId, String type, Instant time, String actor, long version, boolean published, JsonNode data) {}

    private HistoryEntry historyEntry(EventLogEntry entry) {
        try {
            JsonNode data = mapper.readTree(entry.message()).path("data");
            return new HistoryEntry(entry.eventId(), entry.eventType(), entry.occurredAt(), data.path("actor").asText(null),
                    data.path("country").path("version").asLong(), entry.publishedAt() != null, data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event log entry " + entry.seq() + " is not JSON", e);
        }
    }

    /** For inbound adapters that must look at a country before they apply a decision to it. */
    @Transactional
    public PartnerCountryView view(String code) {
        PartnerCountry country = find(code);
        return new PartnerCountryView(country.snapshot(), country.bilateralDocumentSignedOn() != null);
    }

    public record PartnerCountryView(CountrySnapshot snapshot, boolean bilateralDocumentSigned) {}

    /** Japan exists from the start; its activation event tells the other services to open its registry. */
    @Transactional
    public void ensureJapan() {
        if (countries.byCode(PartnerCountry.JAPAN).isEmpty()) {
            PartnerCountry japan = PartnerCountry.japan();
            countries.persist(japan);
            publish(japan, "system", s -> new PartnerCountryActivated(s, "system", null));
        }
    }

    @Transactional
    public CountrySnapshot get(String code) {
        return find(code).snapshot();
    }

    private PartnerCountry find(String code) {
        return countries.byCode(code).orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_COUNTRY, "no partner country " + code));
    }

    @Transactional
    public List<CountrySnapshot> list(CountryState state) {
        return countries.list(state).stream().map(PartnerCountry::snapshot).toList();
    }

    private CountrySnapshot publish(PartnerCountry country, String actor, Function<CountrySnapshot, CountryEvent> event) {
        country.changedBy(actor);
        CountrySnapshot snapshot = country.snapshot();
        CountryEvent e = event.apply(snapshot);
        eventLog.append(Topics.COUNTRIES, AGGREGATE, country.code(), CountryEvent.typeOf(e.getClass()), e);
        return snapshot;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
