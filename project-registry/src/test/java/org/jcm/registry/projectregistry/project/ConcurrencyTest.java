package org.jcm.registry.projectregistry.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jcm.registry.projectregistry.Fixtures.SHA;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** What must hold when requests race: the database, not the timing, decides. */
@QuarkusTest
class ConcurrencyTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void concurrentRegistrationsInOneCountryGetDistinctConsecutiveReferences() throws Exception {
        Fixtures.activate(codec, "TH", "THA", "Thailand",
                Fixtures.tpe("TPE-TH-1", "Lloyd's Register Quality Assurance", 3, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("TH", "Energy saving by introduction of high efficiency chillers", 3);
        String first = Fixtures.ideaNote("TH", methodology, "Chillers for a Bangkok factory");
        String second = Fixtures.ideaNote("TH", methodology, "Chillers for a Rayong factory");
        Fixtures.upToRegistrationRequest(first, "TPE-TH-1");
        Fixtures.upToRegistrationRequest(second, "TPE-TH-1");

        List<ExtractableResponse<Response>> responses = race(
                () -> Fixtures.register(first, "JC-TH-1").extract(),
                () -> Fixtures.register(second, "JC-TH-2").extract());

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.stream().map(r -> r.<String>path("reference")).toList()).containsExactlyInAnyOrder("TH001", "TH002");
    }

    @Test
    void overlappingMonitoringPeriodsAreRefusedByTheDatabaseWhenTwoRequestsRace() throws Exception {
        Fixtures.activate(codec, "KH", "KHM", "Cambodia", Fixtures.tpe("TPE-KH-1", "JACO CDM", 1, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("KH", "Biomass power generation", 1);
        String project = Fixtures.ideaNote("KH", methodology, "Rice husk power plant");
        Fixtures.upToRegistrationRequest(project, "TPE-KH-1");
        Fixtures.register(project, "JC-KH-1").statusCode(200);

        List<ExtractableResponse<Response>> responses = race(
                () -> report(project, "2018-01-01", "2018-12-31", 1000),
                () -> report(project, "2018-06-01", "2018-09-30", 500));

        assertThat(responses.stream().map(ExtractableResponse::statusCode).toList()).containsExactlyInAnyOrder(201, 409);
        ExtractableResponse<Response> refused = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("code")).isEqualTo("JCM-PRJ-023");
        assertDatabaseRefusesOverlapDirectly(project);
    }

    /** Even a write that bypasses the service, as the service's own database role, cannot overlap periods. */
    private static void assertDatabaseRefusesOverlapDirectly(String projectId) throws SQLException {
        try (Connection c = TestInfra.serviceConnection("project_registry"); Statement s = c.createStatement()) {
            s.execute("SET search_path TO project_registry");
            String insert = "INSERT INTO monitoring_report (id, project_id, period_start, period_end, total_claimed, submitted_on, document_uri, "
                    + "document_sha256, submitted_by, created_at) VALUES (gen_random_uuid(), '" + projectId + "', DATE '%s', DATE '%s', 0, "
                    + "DATE '2021-01-01', 'https://x.example/r.pdf', '" + SHA + "', 'intruder', now())";
            assertThatThrownBy(() -> s.execute(insert.formatted("2018-07-01", "2018-08-31")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("monitoring_report_no_overlap_ex");
        }
    }

    private static ExtractableResponse<Response> report(String project, String start, String end, long tonnes) {
        return Fixtures.post("/api/projects/" + project + "/monitoring-reports", """
                {"period": {"start": "%s", "end": "%s"}, "claimedReductions": [{"vintage": 2018, "tonnes": %d}], "submittedOn": "2019-01-15",
                 "document": {"uri": "https://jcm.example.org/kh/mr.pdf", "sha256": "%s"}}""".formatted(start, end, tonnes, SHA)).extract();
    }

    @SafeVarargs
    private static <T> List<T> race(Callable<T>... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
