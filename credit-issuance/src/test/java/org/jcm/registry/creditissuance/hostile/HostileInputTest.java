package org.jcm.registry.creditissuance.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.testsupport.HostileInputs;
import org.jcm.registry.testsupport.OpenApiChecks;
import org.junit.jupiter.api.Test;

/** Every operation of the OpenAPI document, one hostile value at a time: nothing answers 500, every refusal is a documented problem. */
@QuarkusTest
class HostileInputTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noHostileInputReachesA500() {
        HostileInputs.Report report = HostileInputs.probe(base.toString(), Map.of("code", "JP", "id", "1"));
        assertThat(report.findings()).as("answers that break the promise").isEmpty();
        assertThat(report.requests()).isGreaterThan(50);
    }

    /** What a GET answers is what the OpenAPI document says it answers. */
    @Test
    void everyGetReplyMatchesItsSchema() {
        assertThat(OpenApiChecks.replyShortcomings(base.toString(), Map.of("code", "JP"))).isEmpty();
    }

    /** Every operation names itself, says what it does, and documents each refusal it may answer as a problem with its rule. */
    @Test
    void everyOperationDocumentsItsRefusals() {
        assertThat(OpenApiChecks.shortcomings(base.toString())).isEmpty();
    }
}
