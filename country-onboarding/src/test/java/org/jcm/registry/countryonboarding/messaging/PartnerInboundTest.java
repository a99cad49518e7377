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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.countryonboarding.contract.Contract;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** Partner systems' events that must not change anything go to the dead-letter list with their reason; the topic keeps flowing. */
@QuarkusTest
class PartnerInboundTest {

    private static final String MN_SYSTEM = "urn:jcm:partner:mn-registry";

    @Test
    void thailandsEventOnMongoliasTopicIsDeadLetteredAndALaterValidOneIsStillApplied() {
        Onboarding.onboard("MN", "Mongolia", "2013-01-08", MN_SYSTEM);
        int before = version("MN");

        String thai = Contract.example("TpeDesignationNotified");
        publish("MN", thai);
        Map<String, Object> dead = awaitDeadLetter("MN", idOf(thai));
        assertThat(dead.get("reasonCode")).isEqualTo("JCM-MSG-003");
        assertThat((String) dead.get("reason")).contains("TH").contains("MN");
        assertThat(dead.get("status")).isEqualTo("OPEN");

        String valid = variant("TpeDesignationNotified", "MN", MN_SYSTEM, Map.of("tpeId", "TPE-MN-001", "designatedOn", "2014-01-15"));
        publish("MN", valid);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/MN/tpes").then().statusCode(200)
                .body("tpeId", hasItem("TPE-MN-001")));
        assertThat(version("MN")).isEqualTo(before + 1);
        given().when().get("/api/countries/MN/history").then().statusCode(200)
                .body("findAll { it.type == 'ThirdPartyEntityDesignated' }.actor", hasItem("partner:MN"));
        assertThat(TestInfra.readAll("jcm.country-onboarding.dead-letter.v1", Duration.ofMillis(500)))
                .anySatisfy(r -> assertThat(r.value()).contains(idOf(thai)));
    }

    /** PostgreSQL's text cannot hold NUL: a record carrying one is stored with U+FFFD in its place, not retried for ever. */
    @Test
    void aRecordWithNulCharactersIsDeadLetteredAndTheTopicKeepsFlowing() {
        Onboarding.onboard("MH", "Marshall Islands", "2015-06-01", "urn:jcm:partner:mh-registry");
        // The same key as the valid event after it: the same partition, which must not stall.
        publish("MH", "no event \u0000 at all\u0000");
        String valid = variant("TpeDesignationNotified", "MH", "urn:jcm:partner:mh-registry",
                Map.of("tpeId", "TPE-MH-001", "designatedOn", "2015-07-01"));
        publish("MH", valid);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/countries/MH/tpes").then().statusCode(200)
                .body("tpeId", hasItem("TPE-MH-001")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().queryParam("limit", 1000).when().get("/api/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.topic == 'jcm.partner.mh.inbound.v1' }.value"))
                .containsExactly("no event \uFFFD at all\uFFFD"));
    }

    @Test
    void partnerEventsThatBreakARuleAreDeadLetteredWithItsCode() {
        Onboarding.onboard("PW", "Palau", "2015-08-27", "urn:jcm:partner:pw-registry");
        Onboarding.propose("UA", "Ukraine");
        int palau = version("PW");

        String unknownTpe = variant("TpeWithdrawalNotified", "PW", "urn:jcm:partner:pw-registry", Map.of("tpeId", "TPE-PW-404"));
        String impostor = variant("TpeDesignationNotified", "PW", "urn:jcm:partner:someone-else", Map.of("tpeId", "TPE-PW-001"));
        String incomplete = variant("TpeDesignationNotified", "PW", "urn:jcm:partner:pw-registry", java.util.Collections.singletonMap("tpeId", null));
        String badScope = variant("TpeDesignationNotified", "PW", "urn:jcm:partner:pw-registry",
                Map.of("tpeId", "TPE-PW-002", "sectoralScopes", new int[]{16}));
        String notYetAPartner = variant("TpeDesignationNotified", "UA", "urn:jcm:partner:ua-registry", Map.of());
        String committeeBeforeSigning = variant("JointCommitteeEstablishmentNotified", "UA", "urn:jcm:partner:ua-registry", Map.of());
        String unknownCountry = variant("JointCommitteeEstablishmentNotified", "FJ", "urn:jcm:partner:fj", Map.of());
        String unknownType = variant("TpeWithdrawalNotified", "PW", "urn:jcm:partner:pw-registry", Map.of()).replace("\"TpeWithdrawalNotified\"",
                "\"TpeRenamed\"");

        for (String e : new String[]{unknownTpe, impostor, incomplete, badScope, unknownType}) {
            publish("PW", e);
        }
        publish("UA", notYetAPartner);
        publish("UA", committeeBeforeSigning);
        publish("FJ", unknownCountry);

        assertThat(awaitDeadLetter("PW", idOf(unknownTpe)).get("reasonCode")).isEqualTo("JCM-CTY-016");
        assertThat(awaitDeadLetter("PW", idOf(impostor)).get("reasonCode")).isEqualTo("JCM-MSG-007");
        assertThat(awaitDeadLetter("PW", idOf(incomplete)).get("reasonCode")).isEqualTo("JCM-MSG-001");
        assertThat(awaitDeadLetter("PW", idOf(badScope)).get("reasonCode")).isEqualTo("JCM-CTY-014");
        assertThat(awaitDeadLetter("PW", idOf(unknownType)).get("reasonCode")).isEqualTo("JCM-MSG-002");
        assertThat(awaitDeadLetter("UA", idOf(notYetAPartner)).get("reasonCode")).isEqualTo("JCM-MSG-008");
        assertThat(awaitDeadLetter("UA", idOf(committeeBeforeSigning)).get("reasonCode")).isEqualTo("JCM-CTY-021");
        assertThat(awaitDeadLetter("FJ", idOf(unknownCountry)).get("reasonCode")).isEqualTo("JCM-MSG-008");

        assertThat(version("PW")).isEqualTo(palau);
        assertThat(version("UA")).isEqualTo(1);
    }

    @Test
    void eventsForOtherServicesArePassedOver() {
        Onboarding.onboard("KG", "Kyrgyzstan", "2023-05-15", null);
        int before = version("KG");
        String other = variant("TpeWithdrawalNotified", "KG", "urn:jcm:partner:kg", Map.of()).replace("\"TpeWithdrawalNotified\"",
                "\"IssuanceNotified\"");
        String marker = variant("TpeDesignationNotified", "KG", "urn:jcm:partner:kg", Map.of("tpeId", "TPE-KG-1", "designatedOn", "2023-06-01"));
        publish("KG", other);
        publish("KG", marker);
        await().atMost(Duration.ofSeconds(60)).until(() -> version("KG") == before + 1);
        JsonPath letters = given().queryParam("limit", 1000).when().get("/api/dead-letters").then().extract().jsonPath();
        assertThat(letters.getList("eventId", String.class)).doesNotContain(idOf(other));
    }

    static int version(String code) {
        return given().when().get("/api/countries/" + code).then().statusCode(200).extract().jsonPath().getInt("version");
    }
}
