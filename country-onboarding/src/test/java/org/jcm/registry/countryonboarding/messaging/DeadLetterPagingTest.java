package org.jcm.registry.countryonboarding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcm.registry.testsupport.Api.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

/** Operators page through dead letters newest first, following the {@code Link} header, and see every one exactly once. */
@QuarkusTest
class DeadLetterPagingTest {

    @Test
    void deadLettersArePagedNewestFirstAndEveryOneIsReachable() {
        for (int i = 0; i < 5; i++) {
            TestInfra.publish("jcm.partner.ws.inbound.v1", "WS", "paging letter " + i);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> all().stream().filter(v -> v.startsWith("paging letter")).count() == 5);

        ExtractableResponse<Response> first = given().queryParam("limit", 2).when().get("/api/dead-letters").then().statusCode(200).extract();
        List<Long> ids = first.jsonPath().getList("id", Long.class);
        assertThat(ids).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(first.header("Link")).contains("rel=\"next\"").contains("before=" + ids.get(1));

        List<Long> seen = new ArrayList<>(ids);
        String next = first.header("Link");
        while (next != null) {
            String url = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
            ExtractableResponse<Response> page = given().urlEncodingEnabled(false).when().get(url).then().statusCode(200).extract();
            List<Long> pageIds = page.jsonPath().getList("id", Long.class);
            assertThat(pageIds).allSatisfy(id -> assertThat(id).isLessThan(seen.get(seen.size() - 1)));
            seen.addAll(pageIds);
            next = page.header("Link");
        }
        List<Long> everything = given().queryParam("limit", 1000).when().get("/api/dead-letters").then().extract().jsonPath().getList("id",
                Long.class);
        assertThat(seen).containsExactlyElementsOf(everything);
    }

    private static List<String> all() {
        return given().queryParam("limit", 1000).when().get("/api/dead-letters").then().statusCode(200).extract().jsonPath().getList("value",
                String.class);
    }
}
