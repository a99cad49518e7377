package org.jcm.registry.countryonboarding.country;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.jcm.registry.countryonboarding.country.CountryResourceTest.problem;
import static org.jcm.registry.countryonboarding.country.Onboarding.onboard;
import static org.jcm.registry.countryonboarding.country.Onboarding.post;
import static org.jcm.registry.countryonboarding.country.Onboarding.put;
import static org.jcm.registry.testsupport.Api.given;

import java.time.LocalDate;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The lifecycle after activation, TPEs, Article 6 settings and history, over HTTP, each refusal with its rule code. */
@QuarkusTest
class CountryLifecycleResourceTest {

    private static final String FUTURE = LocalDate.now().plusDays(3).toString();

    @Test
    void suspendsReinstatesAndTerminates() {
        onboard("TZ", "Tanzania", "2025-05-28", null);
        post("/api/countries/TZ/suspension", "{\"suspendedOn\": \"2025-06-01\", \"reason\": \"JC decision TZ-2025-02\"}").statusCode(200)
                .body("state", equalTo("SUSPENDED"), "version", equalTo(5));
        problem(post("/api/countries/TZ/suspension", "{\"suspendedOn\": \"2025-06-02\", \"reason\": \"again\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/TZ/reinstatement", "{\"reinstatedOn\": \"2025-05-31\"}"), 422, "JCM-CTY-007");
        problem(post("/api/countries/TZ/reinstatement", "{\"reinstatedOn\": \"" + FUTURE + "\"}"), 422, "JCM-CTY-006");
        post("/api/countries/TZ/reinstatement", "{\"reinstatedOn\": \"2025-06-15\"}").statusCode(200)
                .body("state", equalTo("ACTIVE"), "version", equalTo(6));
        problem(post("/api/countries/TZ/reinstatement", "{\"reinstatedOn\": \"2025-06-16\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/TZ/termination", "{\"terminatedOn\": \"2025-06-14\", \"reason\": \"ended\"}"), 422, "JCM-CTY-007");
        problem(post("/api/countries/TZ/termination", "{\"terminatedOn\": \"2025-06-16\", \"reason\": \" \"}"), 400, "JCM-REQ-001");
        post("/api/countries/TZ/termination", "{\"terminatedOn\": \"2025-06-16\", \"reason\": \"ended\"}").statusCode(200)
                .body("state", equalTo("TERMINATED"), "version", equalTo(7));
        problem(post("/api/countries/TZ/termination", "{\"terminatedOn\": \"2025-06-17\", \"reason\": \"again\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/TZ/suspension", "{\"suspendedOn\": \"2025-06-17\", \"reason\": \"after the end\"}"), 409, "JCM-CTY-005");
        problem(put("/api/countries/TZ/article6", "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": false}"), 409, "JCM-CTY-005");
    }

    @Test
    void refusesLaterStepsOnCountriesNotThereYetAndOnJapan() {
        Onboarding.propose("KE", "Kenya");
        problem(post("/api/countries/KE/suspension", "{\"suspendedOn\": \"2015-06-01\", \"reason\": \"r\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/KE/reinstatement", "{\"reinstatedOn\": \"2015-06-01\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/KE/termination", "{\"terminatedOn\": \"2015-06-01\", \"reason\": \"r\"}"), 409, "JCM-CTY-005");
        problem(post("/api/countries/KE/tpes", tpe("TPE-KE-1", "1", "2015-06-01")), 409, "JCM-CTY-005");
        problem(post("/api/countries/JP/suspension", "{\"suspendedOn\": \"2015-06-01\", \"reason\": \"r\"}"), 409, "JCM-CTY-008");
        problem(post("/api/countries/JP/termination", "{\"terminatedOn\": \"2015-06-01\", \"reason\": \"r\"}"), 409, "JCM-CTY-008");
        problem(post("/api/countries/JP/tpes", tpe("TPE-JP-1", "1", "2015-06-01")), 409, "JCM-CTY-008");
        problem(post("/api/countries/ZZ/suspension", "{\"suspendedOn\": \"2015-06-01\", \"reason\": \"r\"}"), 404, "JCM-CTY-004");
        problem(post("/api/countries/ZZ/reinstatement", "{\"reinstatedOn\": \"2015-06-01\"}"), 404, "JCM-CTY-004");
        problem(post("/api/countries/ZZ/termination", "{\"terminatedOn\": \"2015-06-01\", \"reason\": \"r\"}"), 404, "JCM-CTY-004");
        problem(post("/api/countries/KE/suspension", "{\"reason\": \"no date\"}"), 400, "JCM-REQ-001");
        problem(post("/api/countries/KE/reinstatement", "{}"), 400, "JCM-REQ-001");
        problem(post("/api/countries/KE/termination", "{\"terminatedOn\": \"2015-06-01\"}"), 400, "JCM-REQ-001");
        given().when().get("/api/countries/KE").then().statusCode(200).body("state", equalTo("PROPOSED"), "version", equalTo(1));
    }

    @Test
    void designatesWithdrawsAndAnswersWhichTpesServedAScopeOnADate() {
        onboard("CL", "Chile", "2015-05-26", null);
        post("/api/countries/CL/tpes", tpe("TPE-CL-1", "3, 1", "2015-06-01")).statusCode(201)
                .header("Location", endsWith("/api/countries/CL/tpes/TPE-CL-1"))
                .body("tpeId", equalTo("TPE-CL-1"), "sectoralScopes", contains(1, 3), "designatedOn", equalTo("2015-06-01"), "withdrawnOn",
                        nullValue());
        post("/api/countries/CL/tpes", tpe("TPE-CL-2", "1, 7", "2016-01-01")).statusCode(201);
        given().when().get("/api/countries/CL/tpes/TPE-CL-2").then().statusCode(200).body("sectoralScopes", contains(1, 7));
        problem(given().when().get("/api/countries/CL/tpes/TPE-CL-9").then(), 404, "JCM-CTY-016");

        problem(post("/api/countries/CL/tpes", tpe("TPE-CL-1", "2", "2016-01-01")), 409, "JCM-CTY-015");
        problem(post("/api/countries/CL/tpes", tpe("TPE CL 3", "2", "2016-01-01")), 422, "JCM-CTY-013");
        problem(post("/api/countries/CL/tpes", tpe("TPE-CL-3", "16", "2016-01-01")), 422, "JCM-CTY-014");
        problem(post("/api/countries/CL/tpes", tpe("TPE-CL-3", "", "2016-01-01")), 400, "JCM-REQ-001");
        problem(post("/api/countries/CL/tpes", tpe("TPE-CL-3", "2", "2015-05-25")), 422, "JCM-CTY-007");
        problem(post("/api/countries/CL/tpes", tpe("TPE-CL-3", "2", FUTURE)), 422, "JCM-CTY-006");
        problem(post("/api/countries/ZZ/tpes", tpe("TPE-CL-3", "2", "2016-01-01")), 404, "JCM-CTY-004");

        problem(post("/api/countries/CL/tpes/TPE-CL-2/withdrawal", "{\"withdrawnOn\": \"2015-12-31\"}"), 422, "JCM-CTY-018");
        problem(post("/api/countries/CL/tpes/TPE-CL-2/withdrawal", "{\"withdrawnOn\": \"" + FUTURE + "\"}"), 422, "JCM-CTY-006");
        problem(post("/api/countries/CL/tpes/TPE-CL-9/withdrawal", "{\"withdrawnOn\": \"2018-01-01\"}"), 404, "JCM-CTY-016");
        problem(post("/api/countries/CL/tpes/TPE-CL-2/withdrawal", "{}"), 400, "JCM-REQ-001");
        post("/api/countries/CL/tpes/TPE-CL-2/withdrawal", "{\"withdrawnOn\": \"2018-01-01\"}").statusCode(200)
                .body("tpeId", equalTo("TPE-CL-2"), "withdrawnOn", equalTo("2018-01-01"));
        problem(post("/api/countries/CL/tpes/TPE-CL-2/withdrawal", "{\"withdrawnOn\": \"2018-01-02\"}"), 409, "JCM-CTY-017");

        tpes("CL", "1", "2017-06-01").statusCode(200).body("tpeId", contains("TPE-CL-1", "TPE-CL-2"));
        tpes("CL", "1", "2018-01-01").statusCode(200).body("tpeId", contains("TPE-CL-1"));
        tpes("CL", "7", "2018-01-01").statusCode(200).body("$", empty());
        tpes("CL", "7", "2017-01-01").statusCode(200).body("tpeId", contains("TPE-CL-2"));
        tpes("CL", "3", "2015-05-31").statusCode(200).body("$", empty());
        tpes("CL", null, null).statusCode(200).body("$", hasSize(2));
        problem(tpes("CL", "16", null), 400, "JCM-CTY-023");
        problem(tpes("CL", "x", null), 400, "JCM-CTY-023");
        problem(tpes("CL", null, "2018-13-01"), 400, "JCM-CTY-023");
        problem(tpes("ZZ", "1", null), 404, "JCM-CTY-004");

        given().when().get("/api/countries/CL").then().statusCode(200)
                .body("version", equalTo(7), "thirdPartyEntities.tpeId", contains("TPE-CL-1", "TPE-CL-2"),
                        "thirdPartyEntities[1].withdrawnOn", equalTo("2018-01-01"));
    }

    @Test
    void setsArticle6SettingsOnceAndRefusesIncompleteOnes() {
        onboard("PE", "Peru", "2015-09-30", null);
        problem(put("/api/countries/PE/article6", "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true}"), 422, "JCM-CTY-019");
        problem(put("/api/countries/PE/article6", "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": false, \"oimpFirstTransfer\": \"ISSUANCE\"}"),
                422, "JCM-CTY-020");
        problem(put("/api/countries/PE/article6", "{\"ndcUseAuthorized\": true}"), 400, "JCM-REQ-001");
        problem(put("/api/countries/PE/article6", "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true, \"oimpFirstTransfer\": \"SOMETIME\"}"),
                400, "JCM-REQ-002");
        problem(put("/api/countries/ZZ/article6", "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": false}"), 404, "JCM-CTY-004");
        String settings = "{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true, \"oimpFirstTransfer\": \"USE_OR_CANCELLATION\"}";
        put("/api/countries/PE/article6", settings).statusCode(200)
                .body("version", equalTo(5), "article6.ndcUseAuthorized", equalTo(true), "article6.oimpFirstTransfer",
                        equalTo("USE_OR_CANCELLATION"));
        put("/api/countries/PE/article6", settings).statusCode(200).body("version", equalTo(5));
        given().when().get("/api/countries/PE/history").then().statusCode(200)
                .body("type", contains("PartnerCountryProposed", "BilateralDocumentSigned", "JointCommitteeEstablished", "PartnerCountryActivated",
                        "Article6SettingsChanged"), "[4].actor", equalTo("operator"), "[4].version", equalTo(5),
                        "[4].data.settings.oimpFirstTransfer", equalTo("USE_OR_CANCELLATION"));
        problem(given().when().get("/api/countries/ZZ/history").then(), 404, "JCM-CTY-004");
    }

    private static String tpe(String id, String scopes, String date) {
        return "{\"tpeId\": \"" + id + "\", \"name\": \"" + id + " Ltd.\", \"sectoralScopes\": [" + scopes + "], \"designatedOn\": \"" + date + "\"}";
    }

    private static io.restassured.response.ValidatableResponse tpes(String code, String scope, String on) {
        var request = given();
        if (scope != null) {
            request = request.queryParam("scope", scope);
        }
        if (on != null) {
            request = request.queryParam("on", on);
        }
        return request.when().get("/api/countries/" + code + "/tpes").then();
    }
}
