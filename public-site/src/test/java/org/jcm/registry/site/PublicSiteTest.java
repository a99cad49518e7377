package org.jcm.registry.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import org.jcm.registry.site.web.Msg;
import org.jcm.registry.site.web.SiteProblem;
import org.jcm.registry.site.web.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The site's own behaviour in front of stand-in services ({@link FakeServices}): pages in English and Japanese, every
 * hostile input answered with a code (never a 500), a service's failure passed on as 502/503, what a service says
 * escaped, not executed.
 */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class PublicSiteTest {

    private static final String REGISTRY = """
            {"code": "BD", "countryCode": "BD", "name": "JCM registry of Bangladesh", "article6RegistryId": "BGD01", "hosting": "HOSTED",
             "state": "ACTIVE", "lastSerial": 248, "openedAt": "2013-07-01T00:00:00Z"}""";

    @BeforeEach
    void services() {
        FakeServices.ANSWERS.clear();
        FakeServices.ANSWERS.put("/api/registries", Map.entry(200, "[" + REGISTRY + "]"));
        FakeServices.ANSWERS.put("/api/registries/BD", Map.entry(200, REGISTRY));
        FakeServices.ANSWERS.put("/api/reports/holdings", Map.entry(200,
                """
                        [{"registry": "BD", "asOf": "2026-12-01T00:00:00Z", "accountType": "RETIREMENT", "accounts": 1, "quantity": 20},
                         {"registry": "BD", "asOf": "2026-12-01T00:00:00Z", "accountType": "ENTITY_HOLDING", "accounts": 1, "quantity": 99999999999999999999}]"""));
        FakeServices.ANSWERS.put("/api/reports/transactions", Map.entry(200, "[]"));
        FakeServices.ANSWERS.put("/api/reports/issuance", Map.entry(200, """
                [{"registry": "BD", "hostCountry": "BD", "project": "BD001", "vintage": 2017, "issuances": 1, "quantity": 9223372036854775807},
                 {"registry": "BD", "hostCountry": "BD", "project": "BD002", "vintage": 2017, "issuances": 1, "quantity": 9223372036854775807}]"""));
        FakeServices.ANSWERS.put("/api/reports/retirements", Map.entry(200, """
                [{"registry": "BD", "transaction": "t", "retiredAt": "2026-01-01T00:00:00Z", "purpose": "VOLUNTARY",
                  "beneficiary": "<script>alert('x')</script> & Sons", "yearOfUse": 2025, "project": "BD001", "vintage": 2017, "quantity": 20,
                  "firstSerial": 1, "lastSerial": 20, "block": "JCM-BD-BD001-2017-1-20"}]"""));
        FakeServices.ANSWERS.put("/api/reports/serial-lineage", Map.entry(200, "[]"));
    }

    @Test
    void aRegistrysOverviewSumsExactlyInEnglishAndJapanese() {
        String page = given().accept("text/html").when().get("/registries/BD").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        // Two issuances of Long.MAX_VALUE each: summed exactly, not overflowed.
        assertThat(page).contains("<html lang=\"en\">", "Registry BD", "18446744073709551614", "99999999999999999999", "<svg");
        given().queryParam("lang", "ja").accept("text/html").when().get("/registries/BD").then().statusCode(200)
                .body(containsString("<html lang=\"ja\">"), containsString("合計"), containsString("シリアル番号検索"), containsString("lang=ja"));
        given().header("Accept-Language", "ja,en;q=0.5").accept("text/html").when().get("/").then().statusCode(200)
                .body(containsString("<html lang=\"ja\">"));
    }

    @Test
    void whatAServiceSaysIsShownAsTextNeverRun() {
        given().accept("text/html").when().get("/registries/BD/retirements").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons"), not(containsString("<script>")));
    }

    @Test
    void everyHostileInputIsRefusedWithACodeNeverA500() {
        RestAssured.urlEncodingEnabled = false;
        try {
            Map<String, String> refused = Map.ofEntries(Map.entry("/?lang=xx", "JCM-REQ-001"),
                    Map.entry("/registries/BD/serials?serial=%00", "JCM-REQ-001"),
                    Map.entry("/registries/BD/serials?serial=" + "9".repeat(40), "JCM-REQ-001"),
                    Map.entry("/registries/BD/serials?serial=JCM-TH-TH001-2025-1-2", "JCM-REQ-001"),
                    Map.entry("/registries/%3Cscript%3E", "JCM-REG-001"), Map.entry("/registries/" + "A".repeat(5000), "JCM-REG-001"),
                    Map.entry("/registries/ZZ", "JCM-REG-001"), Map.entry("/projects/a%00b", "JCM-PRJ-001"),
                    Map.entry("/projects/..%2F..%2Fq", "JCM-PRJ-001"),
                    Map.entry("/nowhere", "JCM-WEB-001"), Map.entry("/download/secrets", "JCM-WEB-001"));
            refused.forEach((path, code) -> {
                given().accept("text/html").when().get(path).then().statusCode(lessThan(500)).contentType(containsString("text/html"))
                        .body(containsString(code));
                given().accept("application/json").when().get(path).then().statusCode(lessThan(500)).contentType("application/problem+json")
                        .body("code", equalTo(code));
            });
            given().when().get("/registries/BD/serials?serial=" + "x".repeat(9000)).then().statusCode(414);
        } finally {
            RestAssured.urlEncodingEnabled = true;
        }
        given().config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("text/plain", io.restassured.http.ContentType.TEXT)))
                .contentType("text/plain").body("x".repeat(4096)).when().post("/").then().statusCode(lessThan(500));
        given().when().post("/projects").then().statusCode(405).contentType("application/problem+json").body("code", equalTo("JCM-WEB-002"));
    }

    @Test
    void aServiceThatFailsOrDoesNotAnswerIsA502Or503NeverA500() {
        FakeServices.ANSWERS.put("/api/registries/BD", Map.entry(500, "{}"));
        given().accept("application/json").when().get("/registries/BD").then().statusCode(502).body("code", equalTo("JCM-SYS-002"));
        FakeServices.ANSWERS.put("/api/registries/BD", Map.entry(200, "not json"));
        given().accept("text/html").when().get("/registries/BD").then().statusCode(502).body(containsString("JCM-SYS-002"));

        Upstream nobody = new Upstream(new ObjectMapper(), "http://127.0.0.1:9", "http://127.0.0.1:9", Duration.ofSeconds(2));
        try {
            nobody.list(Upstream.Source.CREDITS, "/api/registries", Map.of());
            throw new AssertionError("no answer was not refused");
        } catch (SiteProblem e) {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("JCM-SYS-002");
        }
    }

    @Test
    void theDownloadIsTheServicesCsvAsItCame() {
        FakeServices.ANSWERS.put("/api/reports/retirements", Map.entry(200, "registry,beneficiary\r\nBD,\"a, \"\"b\"\"\"\r\n"));
        assertThat(
                given().queryParam("registry", "BD").queryParam("year", "2026").when().get("/download/retirements").then().statusCode(200).extract()
                        .asByteArray())
                .isEqualTo("registry,beneficiary\r\nBD,\"a, \"\"b\"\"\"\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theJapaneseBundleHasEveryText() throws IOException {
        Properties ja = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages/msg_ja.properties")) {
            ja.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> keys = Arrays.stream(Msg.class.getDeclaredMethods()).map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(ja.stringPropertyNames())).isEqualTo(keys);
    }
}
