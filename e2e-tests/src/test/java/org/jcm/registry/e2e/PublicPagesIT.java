package org.jcm.registry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.as;
import static org.jcm.registry.testsupport.Api.given;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.Flows;
import org.jcm.registry.testsupport.Flows.Partner;
import org.jcm.registry.testsupport.RunningRegistry;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public pages in headless Chromium, against the whole registry and the public site as separate processes, with the
 * figures of domain.md put in over REST: Bangladesh's two issuances (144, of which 73 to Japan's registry; 355, of
 * which 178), a retirement and a transfer by its participant; Thailand's 300 ITMOs, authorized for NDC use, 150 of them
 * transferred to Japan's registry. The checks themselves are {@code build/browser-tools/pages.mjs} (playwright-core
 * driving Debian's chromium, axe-core); screenshots go to {@code e2e-tests/target/public-pages/}.
 */
class PublicPagesIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static final Partner BANGLADESH = new Partner("BD", "Bangladesh", "2013-03-19", "2013-05-20", "2013-07-01", "BGD01", "TPE-BD-JQA",
            "2014-01-01", "PP-BD-0001", 2015);
    private static final Partner THAILAND = new Partner("TH", "Thailand", "2015-11-19", "2016-01-20", "2016-03-01", "THA01", "TPE-TH-JQA",
            "2016-04-01", "PP-TH-0001", 2017);

    private static RunningRegistry registry;
    private static Flows flows;
    private static ServiceProcess site;

    @BeforeAll
    static void startTheRegistryAndTheSite() {
        registry = RunningRegistry.start("e2e-tests", "e2e-public-pages");
        flows = new Flows(registry);
        site = registry.startSite();
    }

    @AfterAll
    static void stopThem() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyPublicPageWorksInABrowserWithTheBangladeshAndThailandFigures() throws IOException, InterruptedException {
        bangladesh();
        thailand();

        Path shots = registry.repo.resolve("e2e-tests/target/public-pages");
        Path log = shots.resolve("pages.log");
        Files.createDirectories(shots);
        Process browser = new ProcessBuilder("bash", "build/browser-tools/run.sh", site.baseUrl(), registry.url(Service.CREDIT_ISSUANCE),
                registry.url(Service.PROJECT_REGISTRY), shots.toString()).directory(registry.repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = browser.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            browser.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as("the browser checks ended within 5 minutes").isTrue();
        assertThat(browser.exitValue()).as(output).isZero();
        assertThat(output).contains("0 failed");
    }

    /** 144 (73 to Japan's government, 71 to the participant) for 2017, 355 (178, 177) for 2018; 20 retired, 30 transferred. */
    private static void bangladesh() {
        flows.onboard(BANGLADESH);
        flows.registerASolarProjectAndVerify(BANGLADESH, "2017-01-01", "2017-12-31", Map.of(2017, 150), Map.of(2017, 144));
        flows.monitorAndVerify(BANGLADESH, 2, "2018-01-01", "2018-12-31", Map.of(2018, 360), Map.of(2018, 355));
        String ci = registry.url(Service.CREDIT_ISSUANCE);
        String participant = given().baseUri(ci).contentType(ContentType.JSON).body(Map.of("holder", "Pacific Consultants Bangladesh Ltd.",
                "holderIdentifier", "BD-REG-0001", "contactEmail", "registry@pcb.example", "participantId", BANGLADESH.participant())).when()
                .post("/api/registries/BD/accounts").then().statusCode(201).extract().path("number");
        flows.decideIssuance(flows.requestIssuance(BANGLADESH, "2017-01-01", "2017-12-31"), "JC-BD-2019-01", "2019-03-01",
                lines(line("JP", "JP-100-1", 2017, 73), line("BD", participant, 2017, 71)));
        flows.decideIssuance(flows.requestIssuance(BANGLADESH, "2018-01-01", "2018-12-31"), "JC-BD-2020-01", "2020-03-02",
                lines(line("JP", "JP-100-1", 2018, 178), line("BD", participant, 2018, 177)));
        String token = Api.tokens().participant(BANGLADESH.participant());
        as(token).baseUri(ci).contentType(ContentType.JSON).body(Map.of("fromAccount", participant, "quantity", 20, "purpose", "VOLUNTARY",
                "beneficiary", "Dhaka Clean Air Fund", "yearOfUse", 2020)).when().post("/api/retirements").then().statusCode(201);
        as(token).baseUri(ci).contentType(ContentType.JSON).body(Map.of("fromAccount", participant, "toAccount", "BD-100-1", "quantity", 30)).when()
                .post("/api/transfers").then().statusCode(201);
    }

    /** 300 issued into Thailand's registry for 2024, authorized for NDC use; 150 of them transferred to Japan's registry. */
    private static void thailand() {
        flows.onboard(THAILAND);
        given().baseUri(registry.url(Service.COUNTRY_ONBOARDING)).contentType(ContentType.JSON)
                .body("{\"ndcUseAuthorized\": true, \"oimpUseAuthorized\": true, \"oimpFirstTransfer\": \"AUTHORIZATION\"}").when()
                .put("/api/countries/TH/article6").then().statusCode(200);
        flows.registerASolarProjectAndVerify(THAILAND, "2024-01-01", "2024-12-31", Map.of(2024, 310), Map.of(2024, 300));
        String ci = registry.url(Service.CREDIT_ISSUANCE);
        flows.decideIssuance(flows.requestIssuance(THAILAND, "2024-01-01", "2024-12-31"), "JC-TH-2025-01", "2025-04-10",
                lines(line("TH", "TH-100-1", 2024, 300)));
        // Thailand's Article 6 settings reach credit-issuance as an event: the authorization waits for them.
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(ci).contentType(ContentType.JSON)
                .body(Map.of("reference", "TH-A6-2025-001", "authorizedOn", "2025-05-14", "uses", List.of("NDC"), "projectReference", "TH001",
                        "vintages",
                        List.of(2024), "quantity", 300))
                .when().post("/api/registries/TH/authorizations").then().statusCode(201));
        JsonPath transfer = as(Api.tokens().partner("TH")).baseUri(ci).contentType(ContentType.JSON).body(Map.of("fromAccount", "TH-100-1",
                "toRegistry", "JP", "toAccount", "JP-100-1", "quantity", 150, "decision", "Thailand's approval of the international transfer"))
                .when().post("/api/external-transfers").then().statusCode(201).extract().jsonPath();
        assertThat(transfer.getString("state")).isEqualTo("COMPLETED");
        given().baseUri(ci).when().get("/api/registries/TH").then().statusCode(200).body("lastSerial", equalTo(300));
    }

    private static String lines(String... lines) {
        return "[" + String.join(", ", lines) + "]";
    }

    private static String line(String registry, String account, int vintage, long quantity) {
        return "{\"registry\": \"%s\", \"account\": \"%s\", \"vintage\": %d, \"quantity\": %d}".formatted(registry, account, vintage, quantity);
    }
}
