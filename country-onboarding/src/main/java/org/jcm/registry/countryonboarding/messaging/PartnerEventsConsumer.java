package org.jcm.registry.countryonboarding.messaging;

import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.partner.CountryPartnerEvents.JointCommitteeEstablishmentNotified;
import org.jcm.registry.contract.partner.CountryPartnerEvents.TpeDesignationNotified;
import org.jcm.registry.contract.partner.CountryPartnerEvents.TpeWithdrawalNotified;
import org.jcm.registry.countryonboarding.country.CountryRule;
import org.jcm.registry.countryonboarding.country.CountryService;
import org.jcm.registry.countryonboarding.country.CountryService.PartnerCountryView;
import org.jcm.registry.platform.inbox.InboundHandler;
import org.jcm.registry.platform.inbox.InboundProcessor;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.jcm.registry.platform.messaging.MalformedEventException;
import org.jcm.registry.platform.problem.PlatformRule;
import org.jcm.registry.platform.problem.RuleViolation;

/**
 * Applies the Joint Committee decisions that partner-country systems publish on their inbound topics, through
 * the same service methods as an operator's request, as {@code partner:XX}. The processor has already checked
 * that the body's country is the topic's and that the event is new; a broken rule dead-letters the event.
 */
@ApplicationScoped
public class PartnerEventsConsumer implements InboundHandler {

    private final InboundProcessor processor;
    private final CountryService countries;
    private final CloudEventCodec codec;

    public PartnerEventsConsumer(InboundProcessor processor, CountryService countries, CloudEventCodec codec) {
        this.processor = processor;
        this.countries = countries;
        this.codec = codec;
    }

    @Incoming("partner-inbound")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this);
    }

    @Override
    public boolean handles(String topic) {
        return Topics.partnerOfInboundTopic(topic).isPresent();
    }

    @Override
    public void handle(InboundEvent event, String topic) {
        String code = Topics.partnerOfInboundTopic(topic).orElseThrow();
        String actor = "partner:" + code;
        PartnerCountryView country = countries.view(code);
        switch (event.type()) {
            case "JointCommitteeEstablishmentNotified" -> {
                JointCommitteeEstablishmentNotified e = codec.bind(event, JointCommitteeEstablishmentNotified.class);
                required(event, e.establishedOn());
                if (!country.bilateralDocumentSigned() || country.snapshot().state() == CountryState.TERMINATED) {
                    throw mayNotPublish(country.snapshot(), "a Joint Committee establishment needs a signed bilateral document");
                }
                checkSource(event, country.snapshot());
                countries.establishJointCommittee(code, e.establishedOn(), actor);
            }
            case "TpeDesignationNotified" -> {
                TpeDesignationNotified e = codec.bind(event, TpeDesignationNotified.class);
                required(event, e.tpeId(), e.name(), e.sectoralScopes(), e.designatedOn());
                requireActive(country.snapshot());
                checkSource(event, country.snapshot());
                countries.designateTpe(code, e.tpeId(), e.name(), e.sectoralScopes(), e.designatedOn(), actor);
            }
            case "TpeWithdrawalNotified" -> {
                TpeWithdrawalNotified e = codec.bind(event, TpeWithdrawalNotified.class);
                required(event, e.tpeId(), e.withdrawnOn());
                requireActive(country.snapshot());
                checkSource(event, country.snapshot());
                countries.withdrawTpe(code, e.tpeId(), e.withdrawnOn(), actor);
            }
            default -> throw new RuleViolation(PlatformRule.UNKNOWN_EVENT_TYPE, "country-onboarding applies no '" + event.type() + "' events");
        }
    }

    private static void requireActive(CountrySnapshot country) {
        if (country.state() != CountryState.ACTIVE) {
            throw mayNotPublish(country, "only an ACTIVE country publishes TPE decisions");
        }
    }

    private static RuleViolation mayNotPublish(CountrySnapshot country, String why) {
        return new RuleViolation(CountryRule.PARTNER_MAY_NOT_PUBLISH, country.code() + " is " + country.state() + ": " + why);
    }

    /**
     * Once a country is activated with its partner system's client identity, that identity is the CloudEvents
     * {@code source} its events must carry. Before activation (a Joint Committee establishment) none is known, and
     * the topic's ACL, bound to the partner's credentials, is the only guard.
     */
    private static void checkSource(InboundEvent event, CountrySnapshot country) {
        String clientId = country.partnerSystemClientId();
        if (clientId != null && !clientId.equals(event.source())) {
            throw new RuleViolation(CountryRule.PARTNER_SOURCE_MISMATCH,
                    "event " + event.id() + " has source '" + event.source() + "' but " + country.code() + "'s partner system is '" + clientId + "'");
        }
    }

    private static void required(InboundEvent event, Object... fields) {
        if (Stream.of(fields).anyMatch(Objects::isNull)) {
            throw new MalformedEventException("the data of " + event.type() + " " + event.id() + " lacks a required field; see its schema "
                    + CloudEventCodec.dataSchema(event.type()));
        }
    }
}
