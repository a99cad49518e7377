package org.jcm.registry.countryonboarding.country;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountryEvent.BilateralDocumentSigned;
import org.jcm.registry.contract.country.CountryEvent.JointCommitteeEstablished;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryActivated;
import org.jcm.registry.contract.country.CountryEvent.PartnerCountryProposed;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.eventlog.EventLog;
import org.jcm.registry.platform.problem.RuleViolation;

/** Every change to a partner country, each committed together with the event that tells the other services. */
@ApplicationScoped
public class CountryService {

    static final String AGGREGATE = "PartnerCountry";

    private final CountryRepository countries;
    private final EventLog eventLog;
    private final Clock clock;

    public CountryService(CountryRepository countries, EventLog eventLog, Clock clock) {
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
        return publish(country, s -> new PartnerCountryProposed(s, actor));
    }

    @Transactional
    public CountrySnapshot signBilateralDocument(String code, LocalDate signedOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.signBilateralDocument(signedOn, today());
        return publish(country, s -> new BilateralDocumentSigned(s, actor, signedOn));
    }

    @Transactional
    public CountrySnapshot establishJointCommittee(String code, LocalDate establishedOn, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        country.establishJointCommittee(establishedOn, today());
        return publish(country, s -> new JointCommitteeEstablished(s, actor, establishedOn));
    }

    @Transactional
    public CountrySnapshot activate(String code, LocalDate activatedOn, RegistryIdentity registry, String partnerSystemClientId, String actor) {
        PartnerCountry country = countries.lockForChange(code);
        if (registry.registryCode() != null && countries.registryCodeTakenByOther(registry.registryCode(), code)) {
            throw new RuleViolation(CountryRule.REGISTRY_CODE_TAKEN, "registry code " + registry.registryCode() + " belongs to another country");
        }
        country.activate(activatedOn, registry, partnerSystemClientId, today());
        return publish(country, s -> new PartnerCountryActivated(s, actor, activatedOn));
    }

    /** Japan exists from the start; its activation event tells the other services to open its registry. */
    @Transactional
    public void ensureJapan() {
        if (countries.byCode(PartnerCountry.JAPAN).isEmpty()) {
            PartnerCountry japan = PartnerCountry.japan();
            countries.persist(japan);
            publish(japan, s -> new PartnerCountryActivated(s, "system", null));
        }
    }

    @Transactional
    public CountrySnapshot get(String code) {
        return countries.byCode(code).map(PartnerCountry::snapshot)
                .orElseThrow(() -> new RuleViolation(CountryRule.NO_SUCH_COUNTRY, "no partner country " + code));
    }

    @Transactional
    public List<CountrySnapshot> list(CountryState state) {
        return countries.list(state).stream().map(PartnerCountry::snapshot).toList();
    }

    private CountrySnapshot publish(PartnerCountry country, Function<CountrySnapshot, CountryEvent> event) {
        CountrySnapshot snapshot = country.snapshot();
        CountryEvent e = event.apply(snapshot);
        eventLog.append(Topics.COUNTRIES, AGGREGATE, country.code(), CountryEvent.typeOf(e.getClass()), e);
        return snapshot;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
