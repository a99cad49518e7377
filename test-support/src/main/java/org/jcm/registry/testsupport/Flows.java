package org.jcm.registry.testsupport;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.as;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.jcm.registry.testsupport.ServiceProcess.Service;

/**
 * The registry's set-up flows over REST, as operators and participants drive them, for the tests that run the whole
 * registry ({@link RunningRegistry}): a partner country onboarded with a TPE, a project registered and a monitoring period
 * verified. Each step asserts its answer.
 */
public final class Flows {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final RunningRegistry registry;

    public Flows(RunningRegistry registry) {
        this.registry = registry;
    }

    /** A partner country of the flows: its dates, registry identity, designated TPE and one project participant. */
    public record Partner(String code, String name, String signedOn, String establishedOn, String activatedOn, String article6RegistryId, String tpe,
            String tpeDesignatedOn, String participant, int projectYear) {}

    /** country-onboarding: the country from proposal to ACTIVE with its registry kept here, and one TPE for sectoral scope 1. */
    public void onboard(Partner p) {
        String co = url(Service.COUNTRY_ONBOARDING);
        post(co, "/api/countries", "{\"code\": \"%s\", \"name\": \"%s\"}".formatted(p.code(), p.name())).statusCode(201);
        post(co, "/api/countries/" + p.code() + "/bilateral-document", "{\"signedOn\": \"%s\"}".formatted(p.signedOn())).statusCode(200);
        post(co, "/api/countries/" + p.code() + "/joint-committee", "{\"establishedOn\": \"%s\"}".formatted(p.establishedOn())).statusCode(200);
        post(co, "/api/countries/" + p.code() + "/activation",
                "{\"activatedOn\": \"%s\", \"registryCode\": \"%s\", \"article6RegistryId\": \"%s\", \"hosting\": \"HOSTED\"}"
                        .formatted(p.activatedOn(), p.code(), p.article6RegistryId()))
                .statusCode(200)
                .body("state", equalTo("ACTIVE"));
        post(co, "/api/countries/" + p.code() + "/tpes",
                "{\"tpeId\": \"%s\", \"name\": \"Japan Quality Assurance Organization\", \"sectoralScopes\": [1], \"designatedOn\": \"%s\"}"
                        .formatted(p.tpe(), p.tpeDesignatedOn()))
                .statusCode(201);

        await().atMost(WITHIN).untilAsserted(() -> given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/" + p.code()).then()
                .statusCode(200).body("state", equalTo("ACTIVE"), "version", equalTo(5), "thirdPartyEntities.tpeId", contains(p.tpe())));
        await().atMost(WITHIN).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/" + p.code()).then()
                .statusCode(200).body("state", equalTo("ACTIVE"), "article6RegistryId", equalTo(p.article6RegistryId()), "lastSerial", equalTo(0)));
    }

    /**
     * project-registry, as MongolianSolarProjectTest: {CC}_AM001 approved, the idea note (naming the partner's participant)
     * registered as {CC}001, then the period monitored (by the participant) and verified by the TPE per vintage.
     */
    public String registerASolarProjectAndVerify(Partner p, String start, String end, Map<Integer, Integer> claimed,
            Map<Integer, Integer> verified) {
        String pr = url(Service.PROJECT_REGISTRY);
        String cc = p.code();
        int y = p.projectYear();
        String methodology = post(pr, "/api/methodologies",
                "{\"country\": \"%s\", \"title\": \"Installation of solar PV system\", \"sectoralScope\": 1, \"proposedOn\": \"%d-06-10\"}"
                        .formatted(cc, y - 1))
                .statusCode(201).extract().path("id");
        post(pr, "/api/methodologies/" + methodology + "/approval", "{\"decisionReference\": \"JC-%s-AM\", \"decidedOn\": \"%d-07-20\"}"
                .formatted(cc, y - 1)).statusCode(200).body("state", equalTo("APPROVED"), "reference", equalTo(cc + "_AM001"));

        String project = post(pr, "/api/projects", """
                {"title": "10MW solar power project in %s", "hostCountry": "%s", "methodology": "%s_AM001",
                 "participants": [
                   {"name": "Japanese Solar Developer Co.", "country": "JP", "role": "PROJECT_PARTICIPANT", "focalPoint": true},
                   {"name": "Local Energy LLC", "country": "%s", "role": "PROJECT_PARTICIPANT", "focalPoint": false, "participantId": "%s"}],
                 "creditingPeriod": {"start": "%d-01-01", "end": "2030-12-31"},
                 "estimatedAnnualReductions": 12000,
                 "creditAllocation": {"governmentOfJapan": 50, "partnerGovernment": 10, "participants": 40},
                 "documents": [{"kind": "PIN", "uri": "https://jcm.example.org/docs/pin.pdf", "sha256": "%s"}],
                 "submittedOn": "%d-03-01"}""".formatted(p.name(), cc, cc, cc, p.participant(), y + 1, SHA, y))
                .statusCode(201).body("pinReference", equalTo(cc + "_PIN001"), "state", equalTo("IDEA_SUBMITTED")).extract().path("id");
        post(pr, "/api/projects/" + project + "/no-objection", "{\"decisionReference\": \"JC-NO-1\", \"decidedOn\": \"%d-04-01\"}".formatted(y))
                .statusCode(200).body("state", equalTo("NO_OBJECTION"));
        post(pr, "/api/projects/" + project + "/design-publication", """
                {"publishedOn": "%d-05-01", "designDocument": {"uri": "https://jcm.example.org/docs/pdd.pdf", "sha256": "%s"}}""".formatted(y, SHA))
                .statusCode(200).body("state", equalTo("DESIGN_PUBLISHED"));
        post(pr, "/api/projects/" + project + "/validation", """
                {"tpeId": "%s", "validatedOn": "%d-08-01", "report": {"uri": "https://jcm.example.org/docs/val.pdf", "sha256": "%s"}}"""
                .formatted(p.tpe(), y, SHA)).statusCode(200).body("state", equalTo("VALIDATED"));
        post(pr, "/api/projects/" + project + "/registration-request", "{\"requestedOn\": \"%d-09-01\"}".formatted(y)).statusCode(200)
                .body("state", equalTo("REGISTRATION_REQUESTED"));
        post(pr, "/api/projects/" + project + "/registration", "{\"decisionReference\": \"JC-%s-10/%d\", \"decidedOn\": \"%d-10-01\"}"
                .formatted(cc, y + 1, y)).statusCode(200).body("state", equalTo("REGISTERED"), "reference", equalTo(cc + "001"));

        return monitorAndVerify(p, 1, start, end, claimed, verified);
    }

    /**
     * project-registry: the participant submits monitoring report {@code n} of project {CC}001 for the period, and the TPE
     * verifies it per vintage; returns the report's id.
     */
    public String monitorAndVerify(Partner p, int n, String start, String end, Map<Integer, Integer> claimed, Map<Integer, Integer> verified) {
        String pr = url(Service.PROJECT_REGISTRY);
        String cc = p.code();
        int totalClaimed = claimed.values().stream().mapToInt(Integer::intValue).sum();
        int totalVerified = verified.values().stream().mapToInt(Integer::intValue).sum();
        String reportId = as(Api.tokens().participant(p.participant())).baseUri(pr).contentType(ContentType.JSON).body("""
                {"period": {"start": "%s", "end": "%s"}, "claimedReductions": %s, "totalClaimed": %d, "submittedOn": "%s",
                 "document": {"uri": "https://jcm.example.org/%s001/monitoring-%d.pdf", "sha256": "%s"}}"""
                .formatted(start, end, vintages(claimed), totalClaimed, LocalDate.parse(end).plusDays(20), cc.toLowerCase(), n, SHA))
                .when().post("/api/projects/" + cc + "001/monitoring-reports").then().statusCode(201).body("totalClaimed", equalTo(totalClaimed))
                .extract().path("id");
        post(pr, "/api/projects/" + cc + "001/monitoring-reports/" + reportId + "/verifications", """
                {"tpeId": "%s", "verifiedOn": "%s", "opinion": "POSITIVE", "verifiedReductions": %s, "totalVerified": %d,
                 "report": {"uri": "https://jcm.example.org/%s001/verification-%d.pdf", "sha256": "%s"}}"""
                .formatted(p.tpe(), LocalDate.parse(end).plusMonths(2).plusDays(15), vintages(verified), totalVerified, cc.toLowerCase(), n, SHA))
                .statusCode(201).body("totalVerified", equalTo(totalVerified));
        return reportId;
    }

    /**
     * credit-issuance: the participant requests the credits of a verified period, again while the project (JCM-ISS-002)
     * or its verification (JCM-ISS-003) is still on its way from project-registry; returns the issuance's id.
     */
    public String requestIssuance(Partner p, String start, String end) {
        String[] issuance = new String[1];
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            io.restassured.response.Response r = as(Api.tokens().participant(p.participant())).baseUri(url(Service.CREDIT_ISSUANCE))
                    .contentType(ContentType.JSON)
                    .body("""
                            {"projectReference": "%s001", "monitoringPeriodStart": "%s", "monitoringPeriodEnd": "%s"}""".formatted(p.code(), start,
                            end))
                    .when().post("/api/issuances");
            if (r.statusCode() == 422 && java.util.Set.of("JCM-ISS-002", "JCM-ISS-003").contains(r.jsonPath().getString("code"))) {
                throw new AssertionError("not yet in credit-issuance: " + r.jsonPath().getString("code"));
            }
            org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
            issuance[0] = r.jsonPath().getString("id");
        });
        return issuance[0];
    }

    /** credit-issuance: the operator records the Joint Committee's decision on an issuance, {@code lines} its allocation (JSON). */
    public io.restassured.path.json.JsonPath decideIssuance(String issuance, String decisionReference, String decidedOn, String lines) {
        return post(url(Service.CREDIT_ISSUANCE), "/api/issuances/" + issuance + "/decision", """
                {"decisionReference": "%s", "decidedOn": "%s", "lines": %s}""".formatted(decisionReference, decidedOn, lines)).statusCode(200)
                .body("state", equalTo("ISSUED")).extract().jsonPath();
    }

    public static String vintages(Map<Integer, Integer> tonnes) {
        return new java.util.TreeMap<>(tonnes).entrySet().stream().map(e -> "{\"vintage\": " + e.getKey() + ", \"tonnes\": " + e.getValue() + "}")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static ValidatableResponse post(String baseUri, String path, String json) {
        return given().baseUri(baseUri).contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    private String url(Service s) {
        return registry.url(s);
    }
}
