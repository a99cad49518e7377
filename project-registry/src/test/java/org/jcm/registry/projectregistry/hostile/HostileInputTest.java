package org.jcm.registry.projectregistry.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.projectregistry.Fixtures.SHA;
import static org.jcm.registry.testsupport.Api.given;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.testsupport.HostileInputs;
import org.jcm.registry.testsupport.OpenApiChecks;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, one hostile value at a time, against real projects and reports: nothing
 * answers 500, every refusal is a problem whose rule code the operation documents, and the event log still publishes.
 */
@QuarkusTest
class HostileInputTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CloudEventCodec codec;

    @Test
    void noHostileInputReachesA500AndTheLogStillPublishes() {
        Fixtures.activate(codec, "NG", "NGA", "Nigeria", Fixtures.tpe("TPE-NG-1", "Japan Consulting Institute", 1, LocalDate.of(2015, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("NG", "Solar power in isolated grids", 1);
        String project = Fixtures.ideaNote("NG", methodology, "Solar mini-grids in Kano");
        Fixtures.upToRegistrationRequest(project, "TPE-NG-1");
        Fixtures.register(project, "JC-NG-R1").statusCode(200);
        String report = Fixtures
                .post("/api/projects/" + project + "/monitoring-reports",
                        """
                                {"period": {"start": "2017-01-01", "end": "2018-06-30"}, "claimedReductions": [{"vintage": 2017, "tonnes": 900}, {"vintage": 2018, "tonnes": 400}],
                                 "submittedOn": "2018-08-01", "document": {"uri": "https://jcm.example.org/ng/mr1.pdf", "sha256": "%s"}}"""
                                .formatted(SHA))
                .statusCode(201).extract().path("id");
        String other = Fixtures.ideaNote("NG", methodology, "Solar pumps in Kaduna");
        String pending = Fixtures.post("/api/methodologies", """
                {"country": "NG", "title": "Efficient cook stoves", "sectoralScope": 3, "proposedOn": "2016-01-10"}""").statusCode(201).extract()
                .path("id");

        HostileInputs.Report result = HostileInputs.probe(base.toString(), Map.of("id", other, "projectId", project, "reportId", report,
                "code", "NG"));
        HostileInputs.Report methodologies = HostileInputs.probe(base.toString(), Map.of("id", pending));

        assertThat(result.findings()).as("answers that break the promise").isEmpty();
        assertThat(methodologies.findings()).as("answers that break the promise").isEmpty();
        assertThat(result.requests()).isGreaterThan(1000);
        Fixtures.approvedMethodology("NG", "Biogas from dairy farms", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/audit/verify").then()
                .body("valid", equalTo(true), "entriesAwaitingChain", equalTo(0)));
        // And what every GET answers about these projects, reports and methodologies is what the OpenAPI document says.
        assertThat(OpenApiChecks.replyShortcomings(base.toString(), Map.of("id", project, "projectId", project, "reportId", report, "code", "NG")))
                .isEmpty();
        assertThat(OpenApiChecks.replyShortcomings(base.toString(), Map.of("id", pending))).isEmpty();
    }

    /** Every operation names itself, says what it does, and documents each refusal it may answer as a problem with its rule. */
    @Test
    void everyOperationDocumentsItsRefusals() {
        assertThat(OpenApiChecks.shortcomings(base.toString())).isEmpty();
    }
}
