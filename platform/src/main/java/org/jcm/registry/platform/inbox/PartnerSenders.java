package org.jcm.registry.platform.inbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;
import org.jcm.registry.platform.readmodel.KnownCountries;

/**
 * Who may publish on a partner topic. The broker authenticated the sender, and its ACLs let a partner's credentials write
 * only its own country's inbound topic: the topic names the country the sender speaks for, and that is what the registry
 * trusts. The event must agree with it: its body's {@code country} is the topic's, its {@code source} is the system the
 * country registered at activation (before that, a partner URN of the country, {@code urn:jcm:partner:{cc}...}), and the
 * country is ACTIVE (only a Joint Committee establishment comes before activation, and nothing from a suspended or
 * terminated country).
 */
@ApplicationScoped
public class PartnerSenders {

    /** The partner events a country publishes before it is ACTIVE: the Joint Committee's establishment leads to activation. */
    static final Set<String> BEFORE_ACTIVATION = Set.of("JointCommitteeEstablishmentNotified");

    private final PartnerCountries countries;

    public PartnerSenders(PartnerCountries countries) {
        this.countries = countries;
    }

    /** The read model of country-onboarding's events, unless the service knows its countries first hand. */
    @Produces
    @DefaultBean
    @ApplicationScoped
    static PartnerCountries fromReadModel(KnownCountries known) {
        return new PartnerCountries() {

            @Override
            public Optional<CountrySnapshot> find(String code) {
                return known.find(code);
            }

            @Override
            public List<String> active() {
                return known.list(CountryState.ACTIVE).stream().map(CountrySnapshot::code).toList();
            }
        };
    }

    /** Refuses the event unless the partner whose topic it arrived on may publish it; nothing to check off partner topics. */
    void check(InboundEvent event, String topic) {
        Optional<String> topicCountry = Topics.partnerOfInboundTopic(topic);
        if (topicCountry.isEmpty()) {
            return;
        }
        String code = topicCountry.get();
        String country = event.data().path("country").asText("");
        if (!code.equals(country)) {
            throw new RuleViolation(PlatformRule.COUNTRY_MISMATCH, "event " + event.id() + " names country '" + country
                    + "' but arrived on the inbound topic of " + code);
        }
        CountrySnapshot partner = countries.find(code).orElseThrow(() -> new RuleViolation(PlatformRule.PARTNER_NOT_ACTIVE,
                code + " is not a partner country of the registry"));
        String registered = partner.partnerSystemClientId();
        boolean fromItsSystem = registered != null && !registered.isBlank()
                ? registered.equals(event.source())
                : Pattern.matches("urn:jcm:partner:" + code.toLowerCase() + "([-:/.][^\\s]*)?", event.source());
        if (!fromItsSystem) {
            throw new RuleViolation(PlatformRule.PARTNER_SOURCE_MISMATCH, "an event with source '" + event.source() + "' is not from " + code
                    + "'s partner system " + (registered == null || registered.isBlank()
                            ? "(a urn:jcm:partner:" + code.toLowerCase() + " URN)"
                            : "'" + registered + "'"));
        }
        boolean mayPublish = partner.state() == CountryState.ACTIVE || BEFORE_ACTIVATION.contains(event.type())
                && partner.state() != CountryState.SUSPENDED && partner.state() != CountryState.TERMINATED;
        if (!mayPublish) {
            throw new RuleViolation(PlatformRule.PARTNER_NOT_ACTIVE, code + " is " + partner.state() + ": only an ACTIVE partner country publishes "
                    + event.type());
        }
    }
}
