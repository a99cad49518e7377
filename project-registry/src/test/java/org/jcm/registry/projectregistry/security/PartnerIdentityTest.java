package org.jcm.registry.projectregistry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.partner.ProjectPartnerEvent;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.projectregistry.contract.ContractSchemas;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each partner event type project-registry applies: the registry trusts the country of the topic and refuses an
 * event whose body names another country, whose source is not the country's system, or whose country is not ACTIVE (a
 * suspended country's Joint Committee decisions are not recorded).
 */
@QuarkusTest
class PartnerIdentityTest {

    @Inject
    CloudEventCodec codec;

    static Stream<String> types() {
        return EventTypes.of(ProjectPartnerEvent.class).keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventNamingAnotherCountryThanItsTopicIsRefused(String type) {
        String code = country(type, 0);
        String pin = project(code);
        String event = event(type, "VN", "urn:jcm:partner:" + code.toLowerCase() + "-registry", pin);
        assertThat(deadLettered(code, event)).isEqualTo("JCM-MSG-003");
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventFromAnotherSourceIsRefused(String type) {
        String code = country(type, 1);
        String pin = project(code);
        String event = event(type, code, "urn:jcm:partner:vn-registry", pin);
        assertThat(deadLettered(code, event)).isEqualTo("JCM-MSG-007");
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventFromASuspendedCountryIsRefusedAndChangesNothing(String type) {
        String code = country(type, 2);
        String pin = project(code);
        Fixtures.suspend(codec, Fixtures.country(code, alpha3(code), "Test " + code, org.jcm.registry.contract.country.CountryState.ACTIVE, 10,
                List.of()));
        String event = event(type, code, "urn:jcm:partner:" + code.toLowerCase() + "-registry", pin);
        assertThat(deadLettered(code, event)).isEqualTo("JCM-MSG-008");
        given().when().get("/api/projects/" + pin).then().body("project.state", equalTo("IDEA_SUBMITTED"));
    }

    /** An ACTIVE country with an approved methodology and an idea note; returns its idea-note reference. */
    private String project(String code) {
        CountrySnapshot active = Fixtures.activate(codec, code, alpha3(code), "Test " + code,
                Fixtures.tpe("TPE-" + code + "-1", "Verifier", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology(active.code(), "Solar", 1);
        String id = Fixtures.ideaNote(code, methodology, "Solar in " + code);
        return given().when().get("/api/projects/" + id).then().extract().path("project.pinReference");
    }

    private static String event(String type, String country, String source, String pin) {
        ObjectNode event = (ObjectNode) ContractSchemas.read(ContractSchemas.example(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("source", source);
        event.put("subject", pin);
        ((ObjectNode) event.get("data")).put("country", country).put("pinReference", pin);
        return event.toString();
    }

    private static String deadLettered(String topicCountry, String event) {
        String id = ContractSchemas.read(event).get("id").asText();
        TestInfra.publish(Topics.partnerInbound(topicCountry), id, event);
        return await().atMost(Duration.ofSeconds(90)).until(() -> given().queryParam("limit", 1000).when().get("/api/dead-letters").then()
                .extract().jsonPath().<Map<String, Object>>getList("$").stream().filter(d -> id.equals(d.get("eventId")))
                .map(d -> (String) d.get("reasonCode")).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private static String country(String type, int kase) {
        return (type.equals("ProjectNoObjectionNotified") ? List.of("RW", "SL", "ZM") : List.of("ZW", "MZ", "MG")).get(kase);
    }

    private static String alpha3(String code) {
        return new java.util.Locale("", code).getISO3Country();
    }
}
