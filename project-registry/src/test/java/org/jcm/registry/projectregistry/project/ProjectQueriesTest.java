package org.jcm.registry.projectregistry.project;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.jcm.registry.testsupport.Api.given;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.projectregistry.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectQueriesTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void aVietNamProjectIsFoundByItsCityToCityCollaboration() {
        Fixtures.activate(codec, "VN", "VNM", "Viet Nam", Fixtures.tpe("TPE-VN-1", "Verifier VN", 3, LocalDate.of(2014, 1, 1), null));
        String methodology = Fixtures.approvedMethodology("VN", "Energy efficient equipment in factories", 3);
        String haiPhong = Fixtures.ideaNote("VN", methodology, "Energy saving at a Hai Phong steel plant",
                "{\"japaneseCity\": \"Kitakyushu\", \"partnerCity\": \"Hai Phong\"}");
        String daNang = Fixtures.ideaNote("VN", methodology, "Efficient chillers in Da Nang",
                "{\"japaneseCity\": \"Sakai\", \"partnerCity\": \"Da Nang\"}");
        String plain = Fixtures.ideaNote("VN", methodology, "Amorphous transformers");

        for (String query : new String[]{"Kitakyushu", "hai phong", "Kitakyushu\u2013Hai Phong", "Kitakyushu-Hai Phong"}) {
            given().queryParam("cityCollaboration", query).when().get("/api/projects").then().statusCode(200)
                    .body("id", contains(haiPhong), "cityCollaboration.japaneseCity", contains("Kitakyushu"),
                            "cityCollaboration.partnerCity", contains("Hai Phong"));
        }
        given().queryParam("country", "VN").when().get("/api/projects").then().statusCode(200)
                .body("id", hasItem(plain), "id", hasItem(daNang), "hostCountry", everyItem(equalTo("VN")));
        given().queryParam("methodology", methodology).queryParam("state", "IDEA_SUBMITTED").when().get("/api/projects").then().statusCode(200)
                .body("id", hasItem(haiPhong), "methodologyReference", everyItem(equalTo(methodology)));
        given().queryParam("state", "REGISTERED").queryParam("country", "VN").when().get("/api/projects").then().statusCode(200)
                .body("id", not(hasItem(plain)));
        Fixtures.problem(given().queryParam("state", "DREAMING").when().get("/api/projects").then(), 400, "JCM-REQ-001");
        given().when().get("/api/projects/" + haiPhong).then().statusCode(200).body("project.pinReference", equalTo("VN_PIN001"));
        given().when().get("/api/projects/VN_PIN002").then().statusCode(200).body("project.id", equalTo(daNang));
        Fixtures.problem(given().when().get("/api/projects/VN999").then(), 404, "JCM-PRJ-001");

        // The same search as CSV, one row per project with the columns the public pages list.
        String csv = given().queryParam("cityCollaboration", "Kitakyushu").queryParam("format", "csv").when().get("/api/reports/projects").then()
                .statusCode(200).contentType("text/csv").header("Content-Disposition", "attachment; filename=\"projects.csv\"").extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv).isEqualTo("reference,pinReference,title,hostCountry,methodology,sectoralScope,state,"
                + "cityCollaboration,estimatedAnnualReductions,creditingPeriodStart,creditingPeriodEnd,id\r\n"
                + ",VN_PIN001,Energy saving at a Hai Phong steel plant,VN," + methodology + ",3,IDEA_SUBMITTED,Kitakyushu-Hai Phong,"
                + given().when().get("/api/projects/" + haiPhong).then().extract().path("project.estimatedAnnualReductions") + ","
                + given().when().get("/api/projects/" + haiPhong).then().extract().path("project.creditingPeriod.start") + ","
                + given().when().get("/api/projects/" + haiPhong).then().extract().path("project.creditingPeriod.end") + "," + haiPhong + "\r\n");
        given().queryParam("cityCollaboration", "Kitakyushu").when().get("/api/reports/projects").then().statusCode(200)
                .body("id", contains(haiPhong), "pinReference", contains("VN_PIN001"), "cityCollaboration", contains("Kitakyushu-Hai Phong"));
        Fixtures.problem(given().queryParam("format", "xml").when().get("/api/reports/projects").then(), 400, "JCM-REQ-001");
        Fixtures.problem(given().queryParam("methodology", "M".repeat(65)).when().get("/api/projects").then(), 400, "JCM-REQ-001");
    }
}
