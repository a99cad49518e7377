package org.jcm.registry.projectregistry.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.jcm.registry.projectregistry.Fixtures.SHA;
import static org.jcm.registry.projectregistry.Fixtures.post;
import static org.jcm.registry.testsupport.Api.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.jcm.registry.projectregistry.contract.ContractSchemas;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * The acceptance path: a Mongolian solar project on MN_AM003 goes from idea note to REGISTERED as MN001, then a
 * monitoring period spanning three years is verified per vintage, and the events say so on the topic.
 */
@QuarkusTest
class MongolianSolarProjectTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void fromIdeaNoteToVerifiedReductionsPerVintage() throws IOException {
        Fixtures.activate(codec, "MN", "MNG", "Mongolia", Fixtures.tpe("TPE-MN-JQA", "Japan Quality Assurance Organization", 1,
                LocalDate.of(2014, 1, 1), null));
        Fixtures.approvedMethodology("MN", "Installation of energy-saving transmission lines", 2);
        Fixtures.approvedMethodology("MN", "Replacement of coal-fired heat-only boilers", 1);
        String methodology = Fixtures.approvedMethodology("MN", "Installation of solar PV system", 1);
        assertThat(methodology).isEqualTo("MN_AM003");

        String id = post("/api/projects", Fixtures.ideaJson("MN", "MN_AM003", "10MW solar power project in Darkhan City", null))
                .statusCode(201).body("pinReference", equalTo("MN_PIN001"), "state", equalTo("IDEA_SUBMITTED"),
                        "methodologyReference", equalTo("MN_AM003"), "sectoralScope", equalTo(1))
                .extract().path("id");
        Fixtures.upToRegistrationRequest(id, "TPE-MN-JQA");
        Fixtures.register(id, "JC-MN-10/2016").statusCode(200)
                .body("state", equalTo("REGISTERED"), "reference", equalTo("MN001"), "registration.reference", equalTo("JC-MN-10/2016"),
                        "noObjection.reference", equalTo("JC-NO-1"), "validation.tpeId", equalTo("TPE-MN-JQA"));

        String reportId = post("/api/projects/MN001/monitoring-reports", """
                {"period": {"start": "2017-03-01", "end": "2019-07-31"},
                 "claimedReductions": [{"vintage": 2017, "tonnes": 8000}, {"vintage": 2018, "tonnes": 9800}, {"vintage": 2019, "tonnes": 5600}],
                 "totalClaimed": 23400, "submittedOn": "2019-08-20",
                 "document": {"uri": "https://jcm.example.org/mn001/monitoring-1.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(201).body("totalClaimed", equalTo(23400)).extract().path("id");
        post("/api/projects/MN001/monitoring-reports/" + reportId + "/verifications", """
                {"tpeId": "TPE-MN-JQA", "verifiedOn": "2019-10-15", "opinion": "POSITIVE",
                 "verifiedReductions": [{"vintage": 2017, "tonnes": 7900}, {"vintage": 2018, "tonnes": 9750}, {"vintage": 2019, "tonnes": 5550}],
                 "totalVerified": 23200,
                 "report": {"uri": "https://jcm.example.org/mn001/verification-1.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(201).body("totalVerified", equalTo(23200), "verifiedReductions.vintage", contains(2017, 2018, 2019));

        given().when().get("/api/projects/MN001").then().statusCode(200)
                .body("project.reference", equalTo("MN001"), "monitoringReports", hasSize(1),
                        "monitoringReports[0].period.start", equalTo("2017-03-01"),
                        "monitoringReports[0].verifications[0].verifiedReductions.tonnes", contains(7900, 9750, 5550));
        // The public table of the project's monitoring and verification, as JSON rows and as CSV.
        given().queryParam("project", "MN001").when().get("/api/reports/monitoring").then().statusCode(200)
                .body("monitoringReport", contains(reportId), "claimedReductions", contains("2017: 8000; 2018: 9800; 2019: 5600"),
                        "verifiedBy", contains("Japan Quality Assurance Organization"), "totalVerified", contains(23200));
        String csv = given().queryParam("project", "MN001").queryParam("format", "csv").when().get("/api/reports/monitoring").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")[1])
                .startsWith("MN001," + reportId + ",2017-03-01,2019-07-31,2017: 8000; 2018: 9800; 2019: 5600,23400,2019-08-20,,")
                .endsWith(",POSITIVE,2017: 7900; 2018: 9750; 2019: 5550,23200,");
        given().queryParam("project", "MN999").when().get("/api/reports/monitoring").then().statusCode(404).body("code", equalTo("JCM-PRJ-001"));
        given().when().get("/api/projects/" + id + "/history").then().statusCode(200)
                .body("type", contains("ProjectIdeaSubmitted", "ProjectNoObjectionGranted", "ProjectDesignPublished", "ProjectValidated",
                        "ProjectRegistrationRequested", "ProjectRegistered", "MonitoringReportSubmitted", "ReductionsVerified"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TestInfra.readAll(Topics.PROJECTS, Duration.ofMillis(500)).stream()
                    .filter(r -> id.equals(r.key())).toList();
            assertThat(records).hasSize(8);
            records.forEach(r -> ContractSchemas.assertValidEvent(r.value()));
            JsonNode verified = ContractSchemas.read(records.get(7).value());
            assertThat(verified.path("type").asText()).isEqualTo("ReductionsVerified");
            JsonNode data = verified.path("data");
            assertThat(data.path("projectReference").asText()).isEqualTo("MN001");
            assertThat(data.path("hostCountry").asText()).isEqualTo("MN");
            assertThat(data.path("methodologyReference").asText()).isEqualTo("MN_AM003");
            assertThat(data.path("monitoringPeriod").path("start").asText()).isEqualTo("2017-03-01");
            assertThat(data.path("monitoringPeriod").path("end").asText()).isEqualTo("2019-07-31");
            assertThat(data.path("verifiedReductions").toString())
                    .isEqualTo("[{\"vintage\":2017,\"tonnes\":7900},{\"vintage\":2018,\"tonnes\":9750},{\"vintage\":2019,\"tonnes\":5550}]");
            assertThat(data.path("totalVerified").asLong()).isEqualTo(23200);
            assertThat(data.path("tpeId").asText()).isEqualTo("TPE-MN-JQA");
            assertThat(data.path("monitoringReportId").asText()).isEqualTo(reportId);
            assertThat(data.path("creditAllocation").path("governmentOfJapan").decimalValue()).isEqualByComparingTo("50");
            assertThat(ContractSchemas.read(records.get(5).value()).path("data").path("project").path("reference").asText()).isEqualTo("MN001");
        });
        List<ConsumerRecord<String, String>> methodologyEvents = TestInfra.readAll(Topics.METHODOLOGIES, Duration.ofMillis(500));
        assertThat(methodologyEvents).isNotEmpty();
        methodologyEvents.forEach(r -> ContractSchemas.assertValidEvent(r.value()));
        writeExamplesIfAsked(methodologyEvents);
    }

    /** {@code -Dgolden.write-examples=DIR} refreshes the golden examples from what the service really publishes. */
    private static void writeExamplesIfAsked(List<ConsumerRecord<String, String>> methodologyEvents) throws IOException {
        String dir = System.getProperty("golden.write-examples");
        if (dir == null) {
            return;
        }
        Map<String, String> byType = new HashMap<>();
        for (ConsumerRecord<String, String> r : TestInfra.readAll(Topics.PROJECTS, Duration.ofMillis(500))) {
            byType.putIfAbsent(ContractSchemas.read(r.value()).path("type").asText(), r.value());
        }
        methodologyEvents.forEach(r -> byType.putIfAbsent(ContractSchemas.read(r.value()).path("type").asText(), r.value()));
        ObjectMapper mapper = new ObjectMapper();
        for (Map.Entry<String, String> e : byType.entrySet()) {
            Files.writeString(Path.of(dir, e.getKey() + ".json"),
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(e.getValue())) + "\n");
        }
    }
}
