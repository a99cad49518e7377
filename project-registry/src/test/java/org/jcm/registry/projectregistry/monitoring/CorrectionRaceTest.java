package org.jcm.registry.projectregistry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jcm.registry.projectregistry.Fixtures.SHA;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.testsupport.Overlap;
import org.junit.jupiter.api.Test;

/**
 * Correcting a monitoring report and verifying the same report exclude each other, also when both requests have read
 * the report before either commits: otherwise a period could have a verified original and a verifiable correction, and
 * issuance would read two positive verifications for it.
 */
@QuarkusTest
class CorrectionRaceTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void aCorrectionAndAVerificationOfOneReportCannotBothSucceed() throws Exception {
        Fixtures.activate(codec, "GH", "GHA", "Ghana", Fixtures.tpe("TPE-GH-1", "Japan Quality Assurance Organization", 1,
                LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("GH", "Solar power on factory roofs", 1);
        String project = Fixtures.ideaNote("GH", methodology, "Rooftop solar in Accra");
        Fixtures.upToRegistrationRequest(project, "TPE-GH-1");
        Fixtures.register(project, "JC-GH-R1").statusCode(200);
        String report = Fixtures.post("/api/projects/" + project + "/monitoring-reports", """
                {"period": {"start": "2017-01-01", "end": "2017-12-31"}, "claimedReductions": [{"vintage": 2017, "tonnes": 1200}],
                 "submittedOn": "2018-01-20", "document": {"uri": "https://jcm.example.org/gh/mr1.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(201).extract().path("id");

        List<ExtractableResponse<Response>> answers = Overlap.holding("project_registry", "event_log",
                () -> Fixtures.post("/api/projects/" + project + "/monitoring-reports", """
                        {"period": {"start": "2017-01-01", "end": "2017-12-31"}, "claimedReductions": [{"vintage": 2017, "tonnes": 1100}],
                         "submittedOn": "2018-02-01", "document": {"uri": "https://jcm.example.org/gh/mr1-corrected.pdf", "sha256": "%s"},
                         "supersedes": "%s"}""".formatted(SHA, report)).extract(),
                () -> Fixtures.post("/api/projects/" + project + "/monitoring-reports/" + report + "/verifications",
                        """
                                {"tpeId": "TPE-GH-1", "verifiedOn": "2018-03-01", "opinion": "POSITIVE", "verifiedReductions": [{"vintage": 2017, "tonnes": 1200}],
                                 "report": {"uri": "https://jcm.example.org/gh/vr1.pdf", "sha256": "%s"}}"""
                                .formatted(SHA))
                        .extract());

        assertThat(answers.stream().map(ExtractableResponse::statusCode).toList()).containsExactlyInAnyOrder(201, 409);
        ExtractableResponse<Response> refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(refused.<String>path("code")).isIn("JCM-PRJ-026", "JCM-PRJ-027");
    }
}
