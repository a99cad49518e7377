package org.jcm.registry.countryonboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.AccessMatrix;
import org.junit.jupiter.api.Test;

/**
 * Every operation of country-onboarding's OpenAPI document, called by every kind of caller, gets what its roles and the
 * caller's scope say; Togo is the fixture's country.
 */
@QuarkusTest
class AccessMatrixTest {

    /** What only an operator bound to no country (or, to read, an auditor) may do: decide a partnership, read across countries. */
    static final Set<String> UNBOUND_ONLY = Stream.concat(AccessMatrix.PLATFORM_UNBOUND_ONLY.stream(),
            Stream.of("proposeCountry", "activateCountry", "suspendCountry", "reinstateCountry", "terminateCountry")).collect(Collectors.toSet());
    static final Map<String, String> PATH = Map.of("code", "TG", "tpeId", "TPE-TG-1", "id", "1", "file", "partner/asyncapi.yaml", "treeSize", "1");

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationAnswersEveryCallerAsItsRolesAndScopeSay() {
        Onboarding.onboard("TG", "Togo", "2016-01-01", "urn:jcm:partner:tg-registry");
        Onboarding.designate("TG", "TPE-TG-1", "1, 3", "2016-02-01");

        AccessMatrix.Result result = AccessMatrix.check("country-onboarding", base.toString(), PATH, "TG", "PP-TG-0001", UNBOUND_ONLY);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.publicOperations()).containsExactlyInAnyOrder("getAuditPublicKey", "listCountries", "getCountry", "listTpes", "getTpe",
                "asyncApi",
                "contractFile");
        assertThat(result.operations()).isEqualTo(31);
    }

    @Test
    void everyStateChangingOperationHonoursAnIdempotencyKey() {
        Map.Entry<Integer, java.util.List<String>> tried = AccessMatrix.idempotencyKeyNotHonoured(base.toString(), PATH);
        assertThat(tried.getKey()).isEqualTo(13);
        assertThat(tried.getValue()).isEmpty();
    }
}
