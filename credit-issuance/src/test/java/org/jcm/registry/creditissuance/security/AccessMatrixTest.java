package org.jcm.registry.creditissuance.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.AccessMatrix;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * Every operation of credit-issuance's OpenAPI document, called by every kind of caller, gets what its roles and the
 * caller's scope say: Thailand's registry is the fixture.
 */
@QuarkusTest
class AccessMatrixTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CloudEventCodec codec;

    @Test
    void everyOperationAnswersEveryCallerAsItsRolesAndScopeSay() {
        CountrySnapshot thailand = new CountrySnapshot("TH", "THA", "Thailand", CountryState.ACTIVE, 4, LocalDate.of(2015, 11, 19),
                LocalDate.of(2015, 11, 19), LocalDate.of(2016, 1, 1), new CountrySnapshot.RegistryIdentity("TH", "THA01",
                        CountrySnapshot.Hosting.EXTERNAL),
                null, List.of(), null);
        TestInfra.publishEvent(Topics.COUNTRIES, null, "TH", codec.encode(UUID.randomUUID(), "/jcm/country-onboarding", "PartnerCountryActivated",
                "TH", Instant.now(), new CountryEvent.PartnerCountryActivated(thailand, "operator", thailand.activatedOn())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.given().when().get("/api/registries/TH").then().statusCode(200));

        AccessMatrix.Result result = AccessMatrix.check("credit-issuance", base.toString(), Map.of("code", "TH", "id", "1", "file",
                "partner/asyncapi.yaml"), "TH", "PP-TH-0001", AccessMatrix.PLATFORM_UNBOUND_ONLY);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.publicOperations()).containsExactlyInAnyOrder("listRegistries", "getRegistry", "asyncApi", "contractFile");
        assertThat(result.operations()).isEqualTo(10);
    }
}
