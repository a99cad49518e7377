package org.jcm.registry.countryonboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.Overlap;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/**
 * A state-changing request retried with its Idempotency-Key acts once and answers as the first time; the same key with a
 * different request is refused; twenty requests racing with one key act once.
 */
@QuarkusTest
class IdempotencyKeyTest {

    private static final String SCHEMA = "country_onboarding";

    @Test
    void aRetriedRequestActsOnceAndGetsTheFirstAnswer() throws SQLException {
        Onboarding.onboard("GH", "Ghana", "2020-01-01", null);
        String key = UUID.randomUUID().toString();
        String body = "{\"tpeId\": \"TPE-GH-1\", \"name\": \"Accra Verification Ltd.\", \"sectoralScopes\": [1], \"designatedOn\": \"2020-02-01\"}";

        Response first = designate("GH", key, body);
        Response retry = designate("GH", key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(events("GH", "ThirdPartyEntityDesignated")).isEqualTo(1);
        // Without the key, the same request is a second designation, which the country refuses.
        given().contentType(ContentType.JSON).body(body).when().post("/api/countries/GH/tpes").then().statusCode(409)
                .body("code", equalTo("JCM-CTY-015"));
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndKeysBelongToTheirCaller() throws SQLException {
        Onboarding.onboard("SN", "Senegal", "2020-01-01", null);
        String key = UUID.randomUUID().toString();
        // A refused request keeps nothing: its key is still free.
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"signedOn\": \"2021-01-01\"}")
                .when().post("/api/countries/SN/suspension").then().statusCode(400);

        designate("SN", key, "{\"tpeId\": \"TPE-SN-1\", \"name\": \"Dakar Audit\", \"sectoralScopes\": [1], \"designatedOn\": \"2020-02-01\"}")
                .then().statusCode(201);
        designate("SN", key, "{\"tpeId\": \"TPE-SN-2\", \"name\": \"Dakar Audit\", \"sectoralScopes\": [1], \"designatedOn\": \"2020-02-01\"}")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("JCM-REQ-015"));
        Api.as(Api.tokens().operator()).header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"withdrawnOn\": \"2020-03-01\"}")
                .when().post("/api/countries/SN/tpes/TPE-SN-1/withdrawal").then().statusCode(422).body("code", equalTo("JCM-REQ-015"));
        assertThat(events("SN", "ThirdPartyEntityDesignated")).isEqualTo(1);

        // Another caller's key of the same name is its own.
        Api.as(Api.tokens().partner("SN")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"tpeId\": \"TPE-SN-2\", \"name\": \"Dakar Audit\", \"sectoralScopes\": [1], \"designatedOn\": \"2020-02-01\"}")
                .when().post("/api/countries/SN/tpes").then().statusCode(201);
        assertThat(events("SN", "ThirdPartyEntityDesignated")).isEqualTo(2);
    }

    @Test
    void twentyRequestsRacingWithOneKeyActOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body("{\"code\": \"BJ\", \"name\": \"Benin\"}").when().post("/api/countries"));
        }

        // All twenty wait at the key's table before any of them may claim the key.
        List<Response> answers = Overlap.holding(SCHEMA, "idempotency_key", requests);

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(Response::asString).containsOnly(answers.get(0).asString());
        assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(events("BJ", "PartnerCountryProposed")).isEqualTo(1);
    }

    private static Response designate(String country, String key, String body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).when().post("/api/countries/" + country + "/tpes");
    }

    private static int events(String country, String type) throws SQLException {
        try (Connection c = TestInfra.adminConnection(SCHEMA);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SCHEMA + ".event_log WHERE aggregate_id = '" + country
                        + "' AND event_type = '" + type + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
