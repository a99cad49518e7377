package org.jcm.registry.countryonboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jcm.registry.countryonboarding.country.Onboarding;
import org.jcm.registry.testsupport.Api;
import org.junit.jupiter.api.Test;

/** Every refusal is in the access log with who asked, what and which rule, never with the token. */
@QuarkusTest
class RefusalLogTest {

    @Test
    void refusalsAreLoggedWithSubjectOperationAndRuleButNotTheToken() {
        Onboarding.onboard("LS", "Lesotho", "2020-01-01", null);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {

            @Override
            public void publish(LogRecord record) {
                lines.add(
                        java.text.MessageFormat.format(record.getMessage(), record.getParameters() == null ? new Object[0] : record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger access = Logger.getLogger("org.jcm.registry.access");
        access.addHandler(capture);
        try {
            String partner = Api.tokens().partner("VN");
            String designation = "{\"tpeId\": \"TPE-LS-1\", \"name\": \"Maseru Audit\", \"sectoralScopes\": [1], \"designatedOn\": \"2020-02-01\"}";
            Api.as(partner).contentType(ContentType.JSON).body(designation).when().post("/api/countries/LS/tpes").then().statusCode(403);
            Api.anonymous().contentType(ContentType.JSON).body(designation).when().post("/api/countries/LS/tpes").then().statusCode(401);
            Api.as(Api.tokens().auditor()).contentType(ContentType.JSON).body(designation).when().post("/api/countries/LS/tpes").then()
                    .statusCode(403);

            assertThat(lines).anySatisfy(l -> assertThat(l).contains("POST /api/countries/LS/tpes", "partner-vn", "403", "JCM-SEC-003"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("POST /api/countries/LS/tpes", "anonymous", "401", "JCM-SEC-001"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("POST /api/countries/LS/tpes", "auditor", "403", "JCM-SEC-002"));
            assertThat(lines).noneSatisfy(l -> assertThat(l).contains(partner.substring(partner.lastIndexOf('.') + 1)));
        } finally {
            access.removeHandler(capture);
        }
    }
}
