package org.jcm.registry.projectregistry.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.testsupport.Overlap;
import org.junit.jupiter.api.Test;

/**
 * Ten approvals of one methodology, each with its own decision reference, overlapping for real (each has read the
 * methodology before any of them commits): one is recorded, nine are refused, and the country's counter moves by one.
 */
@QuarkusTest
class ConcurrentApprovalTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void tenApprovalsAtOnceApproveOnceAndTakeOneReference() throws Exception {
        Fixtures.activate(codec, "BD", "BGD", "Bangladesh");
        String id = Fixtures.post("/api/methodologies", """
                {"country": "BD", "title": "Installation of energy efficient loom", "sectoralScope": 4, "proposedOn": "2014-01-10"}""")
                .statusCode(201).extract().path("id");
        List<Callable<ExtractableResponse<Response>>> approvals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String decision = "JC-BD-" + i;
            approvals.add(() -> Fixtures.post("/api/methodologies/" + id + "/approval", """
                    {"decisionReference": "%s", "decidedOn": "2014-02-20"}""".formatted(decision)).extract());
        }

        List<ExtractableResponse<Response>> answers = Overlap.holding("project_registry", "event_log", approvals);

        assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.statusCode() != 200)).hasSize(9)
                .allSatisfy(a -> assertThat(a.<String>path("code")).isEqualTo("JCM-MTH-002"));
        String reference = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow().path("reference");
        given().when().get("/api/methodologies/" + id).then().body("reference", equalTo(reference), "state", equalTo("APPROVED"));
        given().when().get("/api/methodologies/" + id + "/history").then()
                .body("findAll { it.type == 'MethodologyApproved' }.size()", equalTo(1));
        // No gap in the country's references: the next approval takes the very next number.
        String next = Fixtures.approvedMethodology("BD", "Energy efficient refrigerators", 3);
        assertThat(Integer.parseInt(next.substring(next.length() - 3))).isEqualTo(Integer.parseInt(reference.substring(reference.length() - 3)) + 1);
    }
}
