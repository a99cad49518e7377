package org.jcm.registry.projectregistry;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountrySnapshot.Hosting;
import org.jcm.registry.contract.country.CountrySnapshot.RegistryIdentity;
import org.jcm.registry.contract.country.CountrySnapshot.TpeDesignation;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.TestInfra;

/** Puts countries, methodologies and projects in place the way the running system would: countries by event, the rest over HTTP. */
public final class Fixtures {

    public static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Fixtures() {}

    public static CountrySnapshot country(String code, String alpha3, String name, CountryState state, long version, List<TpeDesignation> tpes) {
        return new CountrySnapshot(code, alpha3, name, state, version, LocalDate.of(2013, 1, 8), LocalDate.of(2013, 4, 11), LocalDate.of(2013, 7, 1),
                new RegistryIdentity(code, alpha3 + "01", Hosting.HOSTED), null, tpes, null);
    }

    /** Publishes the country as country-onboarding would and waits until this service's read model has it. */
    public static CountrySnapshot activate(CloudEventCodec codec, String code, String alpha3, String name, TpeDesignation... tpes) {
        CountrySnapshot snapshot = country(code, alpha3, name, CountryState.ACTIVE, 10, List.of(tpes));
        publishCountry(codec, new CountryEvent.PartnerCountryActivated(snapshot, "operator", LocalDate.of(2013, 7, 1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/countries/" + code).then().statusCode(200)
                .body("version", equalTo(10)));
        return snapshot;
    }

    /** Publishes a country in any state (as a proposal event: the read model keeps the snapshot whatever the event). */
    public static void known(CloudEventCodec codec, String code, String alpha3, String name, CountryState state) {
        CountrySnapshot snapshot = country(code, alpha3, name, state, 5, List.of());
        publishCountry(codec, new CountryEvent.PartnerCountryProposed(snapshot, "operator"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/countries/" + code).then().statusCode(200)
                .body("state", equalTo(state.name())));
    }

    public static void suspend(CloudEventCodec codec, CountrySnapshot active) {
        CountrySnapshot suspended = new CountrySnapshot(active.code(), active.alpha3(), active.name(), CountryState.SUSPENDED, active.version() + 1,
                active.bilateralDocumentSignedOn(), active.jointCommitteeEstablishedOn(), active.activatedOn(), active.registry(), null,
                active.thirdPartyEntities(), null);
        publishCountry(codec, new CountryEvent.PartnerCountrySuspended(suspended, "operator", LocalDate.of(2020, 1, 1), "review"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/countries/" + active.code()).then().statusCode(200)
                .body("state", equalTo("SUSPENDED")));
    }

    public static void publishCountry(CloudEventCodec codec, CountryEvent event) {
        String value = codec.encode(UUID.randomUUID(), "/jcm/country-onboarding", EventTypes.nameOf(event.getClass()), event.country().code(),
                Instant.now(), event);
        TestInfra.publish(Topics.COUNTRIES, event.country().code(), value);
    }

    public static TpeDesignation tpe(String id, String name, int scope, LocalDate from, LocalDate withdrawn) {
        return new TpeDesignation(id, name, List.of(scope), from, withdrawn);
    }

    /** Proposes and approves a methodology; returns its reference. */
    public static String approvedMethodology(String country, String title, int scope) {
        String id = post("/api/methodologies", """
                {"country": "%s", "title": "%s", "sectoralScope": %d, "proposedOn": "2014-01-10"}""".formatted(country, title, scope))
                .statusCode(201).extract().path("id");
        return post("/api/methodologies/" + id + "/approval", """
                {"decisionReference": "JC-%s-AM", "decidedOn": "2014-02-20"}""".formatted(country)).statusCode(200)
                .body("state", equalTo("APPROVED")).extract().path("reference");
    }

    public static String ideaNote(String country, String methodology, String title) {
        return ideaNote(country, methodology, title, null);
    }

    /** Submits an idea note; returns the project id. */
    public static String ideaNote(String country, String methodology, String title, String cityCollaboration) {
        return post("/api/projects", ideaJson(country, methodology, title, cityCollaboration)).statusCode(201).extract().path("id");
    }

    public static String ideaJson(String country, String methodology, String title, String cityCollaboration) {
        return """
                {"title": "%s", "hostCountry": "%s", "methodology": "%s",
                 "participants": [
                   {"name": "Japanese Solar Developer Co.", "country": "JP", "role": "PROJECT_PARTICIPANT", "focalPoint": true},
                   {"name": "Local Energy LLC", "country": "%s", "role": "PROJECT_PARTICIPANT", "focalPoint": false}],
                 "creditingPeriod": {"start": "2016-01-01", "end": "2030-12-31"},
                 "estimatedAnnualReductions": 12000,
                 "creditAllocation": {"governmentOfJapan": 50, "partnerGovernment": 10, "participants": 40},
                 %s
                 "documents": [{"kind": "PIN", "uri": "https://jcm.example.org/docs/pin.pdf", "sha256": "%s"}],
                 "submittedOn": "2015-03-01"}""".formatted(title, country, methodology, country,
                cityCollaboration == null ? "" : "\"cityCollaboration\": " + cityCollaboration + ",", SHA);
    }

    /** Takes a project from its idea note to REGISTRATION_REQUESTED. */
    public static void upToRegistrationRequest(String projectId, String tpeId) {
        post("/api/projects/" + projectId + "/no-objection", """
                {"decisionReference": "JC-NO-1", "decidedOn": "2015-04-01"}""").statusCode(200).body("state", equalTo("NO_OBJECTION"));
        post("/api/projects/" + projectId + "/design-publication", """
                {"publishedOn": "2015-05-01", "designDocument": {"uri": "https://jcm.example.org/docs/pdd.pdf", "sha256": "%s"}}""".formatted(SHA))
                .statusCode(200).body("state", equalTo("DESIGN_PUBLISHED"));
        post("/api/projects/" + projectId + "/validation", """
                {"tpeId": "%s", "validatedOn": "2015-08-01", "report": {"uri": "https://jcm.example.org/docs/val.pdf", "sha256": "%s"}}"""
                .formatted(tpeId, SHA)).statusCode(200).body("state", equalTo("VALIDATED"));
        post("/api/projects/" + projectId + "/registration-request", """
                {"requestedOn": "2015-09-01"}""").statusCode(200).body("state", equalTo("REGISTRATION_REQUESTED"));
    }

    public static ValidatableResponse register(String projectId, String decision) {
        return post("/api/projects/" + projectId + "/registration", """
                {"decisionReference": "%s", "decidedOn": "2015-10-01"}""".formatted(decision));
    }

    public static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    public static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status), "code", equalTo(code), "type", equalTo("urn:jcm:problem:" + code),
                        "detail", not(equalTo(null)), "title", not(equalTo(null)));
    }
}
