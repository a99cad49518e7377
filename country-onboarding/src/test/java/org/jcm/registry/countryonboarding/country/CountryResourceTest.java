package org.jcm.registry.countryonboarding.country;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.jcm.registry.testsupport.Api.given;

import java.time.LocalDate;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CountryResourceTest {

    @Test
    void onboardsBangladeshThroughToActive() {
        given().contentType(ContentType.JSON).body("""
                {"code": "BD", "name": "Bangladesh"}""")
                .when().post("/api/countries")
                .then().statusCode(201)
                .header("Location", endsWith("/api/countries/BD"))
                .body("code", equalTo("BD"), "alpha3", equalTo("BGD"), "state", equalTo("PROPOSED"), "version", equalTo(1));

        post("/api/countries/BD/bilateral-document", "{\"signedOn\": \"2013-03-19\"}").statusCode(200)
                .body("state", equalTo("BILATERAL_DOCUMENT_SIGNED"), "bilateralDocumentSignedOn", equalTo("2013-03-19"));
        post("/api/countries/BD/joint-committee", "{\"establishedOn\": \"2013-06-25\"}").statusCode(200)
                .body("state", equalTo("JOINT_COMMITTEE_ESTABLISHED"));
        post("/api/countries/BD/activation", """
                {"activatedOn": "2013-10-01", "registryCode": "BD", "article6RegistryId": "BGD01", "hosting": "HOSTED"}""")
                .statusCode(200)
                .body("state", equalTo("ACTIVE"), "version", equalTo(4), "registry.registryCode", equalTo("BD"),
                        "registry.article6RegistryId", equalTo("BGD01"), "registry.hosting", equalTo("HOSTED"));

        given().when().get("/api/countries/BD").then().statusCode(200).body("state", equalTo("ACTIVE"));
        given().queryParam("state", "ACTIVE").when().get("/api/countries").then().statusCode(200)
                .body("code", hasItem("BD"), "code", hasItem("JP"));
        given().queryParam("state", "PROPOSED").when().get("/api/countries").then().statusCode(200)
                .body("code", not(hasItem("BD")));
    }

    @Test
    void japanExistsFromTheStart() {
        given().when().get("/api/countries/JP").then().statusCode(200)
                .body("state", equalTo("ACTIVE"), "registry.article6RegistryId", equalTo("JPN01"));
        problem(post("/api/countries", "{\"code\": \"JP\", \"name\": \"Japan\"}"), 409, "JCM-CTY-008");
    }

    @Test
    void refusesWhatBreaksARuleWithItsCode() {
        problem(post("/api/countries", "{\"code\": \"XX\", \"name\": \"Nowhere\"}"), 422, "JCM-CTY-001");
        problem(post("/api/countries", "{\"code\": \"VN\", \"alpha3\": \"VNX\", \"name\": \"Viet Nam\"}"), 422, "JCM-CTY-002");

        post("/api/countries", "{\"code\": \"VN\", \"name\": \"Viet Nam\"}").statusCode(201);
        problem(post("/api/countries", "{\"code\": \"VN\", \"name\": \"Viet Nam\"}"), 409, "JCM-CTY-003");
        problem(post("/api/countries/VN/joint-committee", "{\"establishedOn\": \"2013-07-02\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/VN/bilateral-document", "{\"signedOn\": \"" + LocalDate.now().plusDays(2) + "\"}"), 422, "JCM-CTY-006");
        post("/api/countries/VN/bilateral-document", "{\"signedOn\": \"2013-07-02\"}").statusCode(200);
        problem(post("/api/countries/VN/joint-committee", "{\"establishedOn\": \"2013-07-01\"}"), 422, "JCM-CTY-007");
        post("/api/countries/VN/joint-committee", "{\"establishedOn\": \"2013-07-02\"}").statusCode(200);
        problem(post("/api/countries/VN/activation", """
                {"activatedOn": "2014-01-01", "registryCode": "VN", "article6RegistryId": "VNM1"}"""), 422, "JCM-CTY-009");
        problem(post("/api/countries/VN/activation", """
                {"activatedOn": "2014-01-01", "registryCode": "JP", "article6RegistryId": "VNM01"}"""), 409, "JCM-CTY-010");
        problem(given().when().get("/api/countries/ZZ").then(), 404, "JCM-CTY-004");
        problem(post("/api/countries/ZZ/bilateral-document", "{\"signedOn\": \"2013-07-02\"}"), 404, "JCM-CTY-004");
    }

    @Test
    void answersMalformedRequestsWithProblemsNotServerErrors() {
        problem(post("/api/countries", "{\"code\": \"TH\""), 400, "JCM-REQ-002");
        problem(post("/api/countries", "[1, 2]"), 400, "JCM-REQ-002");
        problem(post("/api/countries", "{\"name\": \"Thailand\"}"), 400, "JCM-REQ-001").body("errors.field", hasItem("code"));
        problem(post("/api/countries", ""), 400, "JCM-REQ-001");
        problem(post("/api/countries/TH/bilateral-document", "{\"signedOn\": \"2015-13-45\"}"), 400, "JCM-REQ-002");
        problem(given().queryParam("state", "HAPPY").when().get("/api/countries").then(), 400, "JCM-REQ-001");
        problem(given().contentType(ContentType.TEXT).body("TH").when().post("/api/countries").then(), 415, "JCM-REQ-005");
        problem(given().when().delete("/api/countries/JP").then(), 405, "JCM-REQ-004");
        problem(given().when().get("/api/nothing-here").then(), 404, "JCM-REQ-003");
    }

    private static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status), "code", equalTo(code), "type", equalTo("urn:jcm:problem:" + code),
                        "detail", not(equalTo(null)), "title", not(equalTo(null)));
    }
}
