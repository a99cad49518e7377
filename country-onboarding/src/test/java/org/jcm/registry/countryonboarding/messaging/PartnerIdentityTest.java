package org.jcm.registry.countryonboarding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.awaitDeadLetter;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.idOf;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.publish;
import static org.jcm.registry.countryonboarding.messaging.PartnerEvents.variant;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.partner.CountryPartnerEvent;
import org.jcm.registry.countryonboarding.contract.Contract;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry trusts the country whose topic an event arrived on (the broker's ACLs confine each partner's credentials to
 * its own topic), and checks the event against it, for every partner event type this service applies: the body's country
 * is the topic's, the source is the country's registered system, the country is ACTIVE; and events are told apart by
 * source and id together.
 */
@QuarkusTest
class PartnerIdentityTest {

    private static final String SYSTEM = "urn:jcm:partner:%s-registry";

    static java.util.stream.Stream<String> types() {
        return EventTypes.of(CountryPartnerEvent.class).keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventNamingAnotherCountryThanItsTopicIsRefused(String type) {
        String code = country(type, 'A');
        Onboarding.onboard(code, "Test " + code, "2020-01-01", system(code));
        String event = variant(type, "VN", system(code), Map.of());
        publish(code, event);
        assertThat(awaitDeadLetter(code, idOf(event)).get("reasonCode")).isEqualTo("JCM-MSG-003");
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventFromASuspendedCountryIsRefused(String type) {
        String code = country(type, 'B');
        Onboarding.onboard(code, "Test " + code, "2020-01-01", system(code));
        Onboarding.post("/api/countries/" + code + "/suspension", "{\"suspendedOn\": \"2021-01-01\", \"reason\": \"JC decision\"}").statusCode(200);
        String event = variant(type, code, system(code), Map.of());
        publish(code, event);
        assertThat(awaitDeadLetter(code, idOf(event)).get("reasonCode")).isEqualTo("JCM-MSG-008");
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventFromAnotherSourceThanTheCountrysSystemIsRefused(String type) {
        String code = country(type, 'C');
        Onboarding.onboard(code, "Test " + code, "2020-01-01", system(code));
        String event = variant(type, code, "urn:jcm:partner:vn-registry", Map.of());
        publish(code, event);
        assertThat(awaitDeadLetter(code, idOf(event)).get("reasonCode")).isEqualTo("JCM-MSG-007");
    }

    @Test
    void twoSourcesMayUseOneIdButOneSourceMayNotReuseItForAnotherEvent() {
        Onboarding.onboard("BW", "Botswana", "2020-01-01", system("BW"));
        Onboarding.onboard("NA", "Namibia", "2020-01-01", system("NA"));
        String id = UUID.randomUUID().toString();
        String botswana = withId(variant("TpeDesignationNotified", "BW", system("BW"), Map.of("tpeId", "TPE-BW-1", "designatedOn", "2020-02-01")),
                id);
        String namibia = withId(variant("TpeDesignationNotified", "NA", system("NA"), Map.of("tpeId", "TPE-NA-1", "designatedOn", "2020-02-01")), id);
        publish("BW", botswana);
        publish("NA", namibia);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().when().get("/api/countries/BW/tpes").then().body("tpeId", hasItem("TPE-BW-1"));
            given().when().get("/api/countries/NA/tpes").then().body("tpeId", hasItem("TPE-NA-1"));
        });

        String reused = withId(variant("TpeDesignationNotified", "BW", system("BW"), Map.of("tpeId", "TPE-BW-2", "designatedOn", "2020-02-01")), id);
        publish("BW", reused);
        assertThat(awaitDeadLetter("BW", id).get("reasonCode")).isEqualTo("JCM-MSG-009");
        given().when().get("/api/countries/BW/tpes").then().body("tpeId", org.hamcrest.Matchers.not(hasItem("TPE-BW-2")));
    }

    /**
     * Deciding who may publish reads the country before its change locks it: the lock then reloads the country with its
     * TPEs under the lock (a refresh with a lock mode failed in Hibernate on a country whose TPEs were loaded).
     */
    @Test
    void aDecisionOnACountryWithTpesIsAppliedAfterItsSenderWasChecked() {
        Onboarding.onboard("MR", "Mauritania", "2020-01-01", system("MR"));
        Onboarding.designate("MR", "TPE-MR-1", "1", "2020-02-01");
        Onboarding.designate("MR", "TPE-MR-2", "3", "2020-02-01");
        publish("MR", variant("TpeWithdrawalNotified", "MR", system("MR"), Map.of("tpeId", "TPE-MR-1", "withdrawnOn", "2020-03-01")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/MR/tpes/TPE-MR-1").then()
                .body("withdrawnOn", org.hamcrest.Matchers.equalTo("2020-03-01")));
    }

    @Test
    void aChangeIsRecordedAsMadeByTheAuthenticatedCaller() {
        Onboarding.onboard("MW", "Malawi", "2020-01-01", system("MW"));
        io.restassured.RestAssured.given().auth().oauth2(org.jcm.registry.testsupport.Api.tokens().partner("MW")).contentType(ContentType.JSON)
                .body("{\"tpeId\": \"TPE-MW-1\", \"name\": \"Lilongwe Audit\", \"sectoralScopes\": [1], \"designatedOn\": \"2020-02-01\"}")
                .when().post("/api/countries/MW/tpes").then().statusCode(201);
        given().when().get("/api/countries/MW/history").then().statusCode(200)
                .body("findAll { it.type == 'ThirdPartyEntityDesignated' }.actor", hasItem("partner-mw"))
                .body("findAll { it.type == 'ThirdPartyEntityDesignated' }.data.actor", hasItem("partner-mw"))
                .body("findAll { it.type == 'PartnerCountryProposed' }.actor", hasItem("operator"));
        try (var c = org.jcm.registry.testsupport.TestInfra.adminConnection("country_onboarding");
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT last_changed_by FROM country_onboarding.partner_country WHERE code = 'MW'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("partner-mw");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A country of its own per type and case, so that the cases do not meet. */
    private static String country(String type, char kase) {
        Map<String, String> codes = Map.of("JointCommitteeEstablishmentNotified", "AO AM AZ", "TpeDesignationNotified", "BF BI BT",
                "TpeWithdrawalNotified", "CM CV CF");
        return codes.get(type).split(" ")[kase - 'A'];
    }

    private static String system(String code) {
        return String.format(SYSTEM, code.toLowerCase());
    }

    private static String withId(String event, String id) {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Contract.json(event);
        json.put("id", id);
        return json.toString();
    }
}
