package org.jcm.registry.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.problem.PlatformRule;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private final CloudEventCodec codec = CloudEventCodec.standalone(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void writesAndReadsAStructuredCloudEvent() {
        UUID id = UUID.randomUUID();
        Instant time = Instant.parse("2026-11-22T10:15:30.123456Z");
        String json = codec.encode(id, "/jcm/country-onboarding", "PartnerCountryActivated", "TH", time, Map.of("country", "TH"));

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"dataschema\":\"urn:jcm:schema:PartnerCountryActivated:v1\"", "\"data\":{");
        InboundEvent event = codec.decode(json);
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.type()).isEqualTo("PartnerCountryActivated");
        assertThat(event.subject()).isEqualTo("TH");
        assertThat(event.time()).isEqualTo(time);
        assertThat(event.data().path("country").asText()).isEqualTo("TH");
    }

    @Test
    void refusesWhatIsNotAWellFormedEventOfTheContract() {
        String valid = codec.encode(UUID.randomUUID(), "/partner/th", "TpeDesignationNotified", "TH", Instant.now(), Map.of("country", "TH"));
        assertMalformed(null, "no value");
        assertMalformed("not json", "not a CloudEvents");
        assertMalformed("{\"id\": \"1\"}", "not a CloudEvents");
        assertMalformed(valid.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"42\""), "is not a UUID");
        assertMalformed(valid.replaceFirst(",\"subject\":\"TH\"", ""), "no subject");
        assertMalformed(valid.replaceFirst("\"data\":\\{[^}]*}", "\"data\":[1,2]"), "not a JSON object");
    }

    @Test
    void knowsPartnerTopicsAndTheirCountry() {
        assertThat(Topics.partnerInbound("TH")).isEqualTo("jcm.partner.th.inbound.v1");
        assertThat(Topics.partnerOfInboundTopic("jcm.partner.mn.inbound.v1")).contains("MN");
        assertThat(Topics.partnerOfInboundTopic("jcm.partner.mn.outbound.v1")).isEqualTo(Optional.empty());
        assertThat(Topics.partnerOfInboundTopic(Topics.COUNTRIES)).isEmpty();
        assertThat("jcm.partner.vn.inbound.v1").matches(Topics.PARTNER_INBOUND_PATTERN);
    }

    private void assertMalformed(String value, String because) {
        assertThatThrownBy(() -> codec.decode(value)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(because)
                .extracting(e -> ((MalformedEventException) e).rule()).isEqualTo(PlatformRule.MALFORMED_EVENT);
    }
}
