package org.jcm.registry.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.restassured.http.ContentType;
import org.jcm.registry.testsupport.KafkaBroker;
import org.jcm.registry.testsupport.PostgresServer;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services as separate processes against one broker and one PostgreSQL database (a schema
 * and a role each), driven over REST as a registry operator would.
 */
class RegistryFlowIT {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);
    private static final String DATABASE = "jcm";

    private static PostgresServer postgres;
    private static KafkaBroker broker;
    private static final Map<Service, ServiceProcess> SERVICES = new EnumMap<>(Service.class);
    private static final Map<Service, PostgresServer.ServiceDatabase> DATABASES = new EnumMap<>(Service.class);
    private static Path repo;
    private static Path work;

    @BeforeAll
    static void startTheRegistry() {
        repo = Path.of(System.getProperty("jcm.repo.root", "..")).toAbsolutePath().normalize();
        work = repo.resolve("e2e-tests/target/e2e-" + ProcessHandle.current().pid());
        postgres = PostgresServer.startOrConnect(work.resolve("postgres"), 0, true);
        broker = KafkaBroker.startOrConnect(work.resolve("kafka"), 0);
        postgres.createDatabaseIfAbsent(DATABASE);
        for (Service s : Service.values()) {
            DATABASES.put(s, postgres.provisionService(DATABASE, s.schema, s.schema));
            SERVICES.put(s, newProcess(s, 0).start());
        }
        SERVICES.values().forEach(p -> p.awaitReady(Duration.ofMinutes(3)));
    }

    @AfterAll
    static void stopTheRegistry() {
        SERVICES.values().forEach(ServiceProcess::close);
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCountryActivatedInOnboardingAppearsInTheOtherServicesWithinSeconds() {
        onboard("TH", "Thailand", "2015-11-19");
        long start = System.nanoTime();

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/TH")
                .then().statusCode(200).body("state", equalTo("ACTIVE"), "registry.article6RegistryId", equalTo("THA01")));
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/TH")
                .then().statusCode(200).body("countryCode", equalTo("TH"), "state", equalTo("ACTIVE")));
        System.out.printf("[e2e] TH visible in project-registry and credit-issuance %d ms after its activation returned%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/TH/accounts").then().statusCode(200)
                .body("type", containsInAnyOrder("GOVERNMENT_HOLDING", "CANCELLATION", "RETIREMENT"));

        // Japan, present from the start, has its registry too.
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/JP")
                .then().statusCode(200).body("article6RegistryId", equalTo("JPN01")));

        for (Service s : Service.values()) {
            given().baseUri(url(s)).when().get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true));
            given().baseUri(url(s)).when().get("/q/openapi").then().statusCode(200);
        }
    }

    @Test
    void aConsumerStoppedWhileEventsArePublishedCatchesUpOnRestart() {
        ServiceProcess projects = SERVICES.get(Service.PROJECT_REGISTRY);
        int port = projects.port();
        projects.close();
        assertThat(projects.isAlive()).isFalse();

        onboard("VN", "Viet Nam", "2013-07-02");
        onboard("PH", "Philippines", "2017-01-12");
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/PH")
                .then().statusCode(200));

        ServiceProcess restarted = newProcess(Service.PROJECT_REGISTRY, port).start().awaitReady(Duration.ofMinutes(3));
        SERVICES.put(Service.PROJECT_REGISTRY, restarted);
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/VN").then().statusCode(200)
                    .body("state", equalTo("ACTIVE"), "version", equalTo(4));
            given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/PH").then().statusCode(200)
                    .body("state", equalTo("ACTIVE"), "version", equalTo(4));
        });
    }

    @Test
    void eachServiceReachesOnlyItsOwnSchema() throws SQLException {
        PostgresServer.ServiceDatabase projects = DATABASES.get(Service.PROJECT_REGISTRY);
        try (Connection c = DriverManager.getConnection(projects.jdbcUrl(), projects.username(), projects.password());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM country_onboarding.partner_country"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM credit_issuance.registry")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("CREATE TABLE public.sneaky (id int)")).hasMessageContaining("permission denied");
        }
    }

    private static void onboard(String code, String name, String date) {
        String alpha3 = new java.util.Locale("", code).getISO3Country();
        String base = url(Service.COUNTRY_ONBOARDING);
        given().baseUri(base).contentType(ContentType.JSON).body("{\"code\": \"" + code + "\", \"name\": \"" + name + "\"}")
                .when().post("/api/countries").then().statusCode(201);
        given().baseUri(base).contentType(ContentType.JSON).body("{\"signedOn\": \"" + date + "\"}")
                .when().post("/api/countries/" + code + "/bilateral-document").then().statusCode(200);
        given().baseUri(base).contentType(ContentType.JSON).body("{\"establishedOn\": \"" + date + "\"}")
                .when().post("/api/countries/" + code + "/joint-committee").then().statusCode(200);
        given().baseUri(base).contentType(ContentType.JSON)
                .body("{\"activatedOn\": \"" + date + "\", \"registryCode\": \"" + code + "\", \"article6RegistryId\": \"" + alpha3 + "01\"}")
                .when().post("/api/countries/" + code + "/activation").then().statusCode(200).body("state", equalTo("ACTIVE"));
    }

    private static ServiceProcess newProcess(Service s, int port) {
        return new ServiceProcess(s, repo, port, ServiceProcess.environment(DATABASES.get(s), broker.bootstrapServers()),
                work.resolve("logs").resolve(s.dir + ".log"), "256m");
    }

    private static String url(Service s) {
        return SERVICES.get(s).baseUrl();
    }
}
