package org.jcm.registry.projectregistry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.testsupport.AccessMatrix;
import org.jcm.registry.testsupport.PublishedContract;
import org.junit.jupiter.api.Test;

/**
 * Every operation of project-registry's OpenAPI document, called by every kind of caller, gets what its roles and the
 * caller's scope say: a Thai project that names the participant PP-TH-0001 is the fixture.
 */
@QuarkusTest
class AccessMatrixTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CloudEventCodec codec;

    @Test
    void everyOperationAnswersEveryCallerAsItsRolesAndScopeSay() {
        AccessMatrix.Result result = AccessMatrix.check("project-registry", base.toString(), fixture(), "TH", "PP-TH-0001",
                AccessMatrix.PLATFORM_UNBOUND_ONLY);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.publicOperations()).containsExactlyInAnyOrder("getAuditPublicKey", "listMethodologies", "getMethodology", "searchProjects",
                "getProject",
                "listMonitoringReports", "getMonitoringReport", "listKnownCountries", "getKnownCountry", "asyncApi", "contractFile", "reportProjects",
                "reportMonitoring");
        assertThat(result.operations()).isEqualTo(43);
    }

    @Test
    void everyStateChangingOperationHonoursAnIdempotencyKey() {
        Map.Entry<Integer, java.util.List<String>> tried = AccessMatrix.idempotencyKeyNotHonoured(base.toString(), fixture());
        assertThat(tried.getKey()).isEqualTo(18);
        assertThat(tried.getValue()).isEmpty();
    }

    /**
     * Thailand active, one of its methodologies approved, and a project of Thailand submitted with the document's own example
     * (which names PP-TH-0001 among its participants).
     */
    private Map<String, String> fixture() {
        Fixtures.activate(codec, "TH", "THA", "Thailand", Fixtures.tpe("TPE-TH-001", "Verifier TH", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("TH", "Installation of solar PV systems", 1);
        Map<String, String> anyPath = Map.of("id", "x", "projectId", "x", "reportId", "x", "code", "x", "file", "x", "treeSize", "1");
        ObjectNode idea = (ObjectNode) PublishedContract.json(AccessMatrix.operations(base.toString(), anyPath).stream()
                .filter(op -> op.id().equals("submitProjectIdea")).findFirst().orElseThrow().body());
        idea.put("methodology", methodology);
        String project = Fixtures.post("/api/projects", idea.toString()).statusCode(201).extract().path("id");
        return Map.of("id", project, "projectId", project, "/api/methodologies/{id}#id", methodology, "/api/dead-letters/{id}#id", "1",
                "reportId", UUID.randomUUID().toString(), "code", "TH", "file", "partner/asyncapi.yaml", "treeSize", "1", "/api/reports/monitoring?",
                "project=" + project);
    }
}
