package org.jcm.registry.countryonboarding.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.contract.partner.PartnerEventTypes;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.platform.messaging.InboundEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden example is a complete CloudEvent whose data validates against its schema and binds to its record. */
class ContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final CloudEventCodec CODEC = CloudEventCodec.standalone(MAPPER);

    static Stream<String> countryTypes() {
        return EventTypes.of(CountryEvent.class).keySet().stream().sorted();
    }

    static Stream<String> partnerTypes() {
        return PartnerEventTypes.OWNER.entrySet().stream().filter(e -> e.getValue().equals(PartnerEventTypes.COUNTRY_ONBOARDING))
                .map(java.util.Map.Entry::getKey).sorted();
    }

    @ParameterizedTest
    @MethodSource("countryTypes")
    void countryExamplesAreValidThailandEvents(String type) {
        InboundEvent event = checkEnvelope(type, "/jcm/country-onboarding");
        CountryEvent bound = CODEC.bind(event, EventTypes.of(CountryEvent.class).get(type));
        assertThat(bound.country().code()).isEqualTo("TH").isEqualTo(event.subject());
        assertThat(bound.country().alpha3()).isEqualTo("THA");
        if (bound.country().version() >= 4) {
            assertThat(bound.country().registry().registryCode()).isEqualTo("TH");
            assertThat(bound.country().registry().article6RegistryId()).isEqualTo("THA01");
        }
    }

    @ParameterizedTest
    @MethodSource("partnerTypes")
    void partnerExamplesAreValidAndBind(String type) {
        InboundEvent event = checkEnvelope(type, "urn:jcm:partner:th-registry");
        Class<?> record = EventTypes.classOf(CountryPartnerEvent.class, type)
                .orElseThrow(() -> new AssertionError("no record for " + type + " in CountryPartnerEvent"));
        assertThat(CODEC.bind(event, record)).hasFieldOrPropertyWithValue("country", "TH");
    }

    @org.junit.jupiter.api.Test
    void theSchemasRefuseWhatBreaksTheContract() {
        com.fasterxml.jackson.databind.node.ObjectNode tpe = (com.fasterxml.jackson.databind.node.ObjectNode) Contract
                .exampleJson("TpeDesignationNotified").get("data");
        tpe.putArray("sectoralScopes").add(16);
        tpe.remove("country");
        assertThat(Contract.violations("TpeDesignationNotified", tpe)).hasSizeGreaterThanOrEqualTo(2);

        com.fasterxml.jackson.databind.node.ObjectNode activated = (com.fasterxml.jackson.databind.node.ObjectNode) Contract
                .exampleJson("PartnerCountryActivated").get("data");
        ((com.fasterxml.jackson.databind.node.ObjectNode) activated.get("country")).put("state", "HAPPY");
        ((com.fasterxml.jackson.databind.node.ObjectNode) activated.get("country").get("registry")).put("article6RegistryId", "THA1");
        assertThat(Contract.violations("PartnerCountryActivated", activated)).hasSizeGreaterThanOrEqualTo(2);
    }

    private static InboundEvent checkEnvelope(String type, String source) {
        String text = Contract.example(type);
        JsonNode json = Contract.json(text);
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time", "dataschema", "datacontenttype", "data")) {
            assertThat(json.hasNonNull(attribute)).as("%s has %s", type, attribute).isTrue();
        }
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(UUID.fromString(json.get("id").asText())).isNotNull();
        assertThat(json.get("type").asText()).isEqualTo(type);
        assertThat(json.get("source").asText()).isEqualTo(source);
        assertThat(json.get("dataschema").asText()).isEqualTo(CloudEventCodec.dataSchema(type).toString());
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(Contract.violations(type, json.get("data"))).as("%s against its schema", type).isEmpty();
        return CODEC.decode(text);
    }
}
