package org.jcm.registry.countryonboarding.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.HostileInputs;
import org.jcm.registry.testsupport.OpenApiChecks;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, one hostile value at a time: nothing answers 500, every refusal is a problem
 * whose rule code the operation documents, and the event log still publishes afterwards.
 */
@QuarkusTest
class HostileInputTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noHostileInputReachesA500AndTheLogStillPublishes() {
        Onboarding.onboard("KI", "Kiribati", "2020-01-15", null);
        Onboarding.designate("KI", "TPE-KI-1", "1, 3", "2020-02-01");

        HostileInputs.Report report = HostileInputs.probe(base.toString(), Map.of("code", "KI", "tpeId", "TPE-KI-1", "id", "1"));

        assertThat(report.findings()).as("answers that break the promise").isEmpty();
        assertThat(report.requests()).isGreaterThan(400);
        Onboarding.propose("WS", "Samoa");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/audit/verify").then()
                .body("valid", equalTo(true), "entriesAwaitingChain", equalTo(0)));
    }

    /** What a GET answers is what the OpenAPI document says it answers. */
    @Test
    void everyGetReplyMatchesItsSchema() {
        Onboarding.onboard("NU", "Niue", "2020-02-01", null);
        Onboarding.designate("NU", "TPE-NU-1", "1", "2020-03-01");
        TestInfra.publish("jcm.partner.nu.inbound.v1", "NU", "not an event");
        long letter = await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("limit", 1).when().get("/api/dead-letters").then()
                .extract().jsonPath().getList("id", Long.class), l -> !l.isEmpty()).get(0);
        assertThat(OpenApiChecks.replyShortcomings(base.toString(), Map.of("code", "NU", "tpeId", "TPE-NU-1", "id", Long.toString(letter))))
                .isEmpty();
    }

    /** Every operation names itself, says what it does, and documents each refusal it may answer as a problem with its rule. */
    @Test
    void everyOperationDocumentsItsRefusals() {
        assertThat(OpenApiChecks.shortcomings(base.toString())).isEmpty();
    }
}
