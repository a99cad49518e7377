package org.jcm.registry.countryonboarding.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jcm.registry.testsupport.Api.given;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jcm.registry.testsupport.Overlap;
import org.junit.jupiter.api.Test;

/**
 * Ten requests for one step of one country, made to overlap for real (each has read the country before any commits):
 * one succeeds, the others are refused with the rule code, and the country has moved one version on.
 */
@QuarkusTest
class ConcurrentStepsTest {

    @Test
    void tenSuspensionsAtOnceSuspendOnce() throws Exception {
        Onboarding.onboard("VU", "Vanuatu", "2021-06-01", null);
        int before = given().when().get("/api/countries/VU").then().extract().path("version");
        List<Callable<ExtractableResponse<Response>>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String reason = "Joint Committee decision JC-VU-" + i;
            requests.add(() -> given().contentType(ContentType.JSON).body("{\"suspendedOn\": \"2022-01-10\", \"reason\": \"" + reason + "\"}")
                    .when().post("/api/countries/VU/suspension").then().extract());
        }

        List<ExtractableResponse<Response>> answers = Overlap.holding("country_onboarding", "event_log", requests);

        assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.statusCode() == 409)).hasSize(9)
                .allSatisfy(a -> assertThat(a.<String>path("code")).isEqualTo("JCM-CTY-005"));
        given().when().get("/api/countries/VU").then().body("version", org.hamcrest.Matchers.equalTo(before + 1));
        given().when().get("/api/countries/VU/history").then()
                .body("findAll { it.type == 'PartnerCountrySuspended' }.size()", org.hamcrest.Matchers.equalTo(1));
    }
}
