package org.jcm.registry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.jcm.registry.testsupport.Api.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jcm.registry.testsupport.KafkaAccess;
import org.jcm.registry.testsupport.KafkaClient;
import org.jcm.registry.testsupport.PartnerEvents;
import org.jcm.registry.testsupport.PostgresServer;
import org.jcm.registry.testsupport.RunningRegistry;
import org.jcm.registry.testsupport.ServiceProcess;
import org.jcm.registry.testsupport.ServiceProcess.Service;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three packaged services as separate processes against one broker and one PostgreSQL database (a schema
 * and a role each), driven over REST as a registry operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryFlowIT {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

    private static RunningRegistry registry;

    @BeforeAll
    static void startTheRegistry() {
        registry = RunningRegistry.start("e2e-tests", "e2e");
    }

    @AfterAll
    static void stopTheRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /**
     * Malformed partner messages reach the packaged services first of all (the class initialisation order of a service
     * whose first message is malformed, which a test JVM does not reproduce): each is listed for operators with its rule
     * code, not only sent to the dead-letter topic with a Java error.
     */
    @Test
    @Order(1)
    void malformedPartnerMessagesAreListedForOperatorsWithTheirRule() {
        String topic = "jcm.partner.uz.inbound.v1";
        String garbage = "{garbage <<<";
        String noSubject = cloudEvent(UUID.randomUUID().toString(), null, "TpeDesignationNotified", "{\"country\": \"UZ\"}");
        String notAUuid = cloudEvent("event-1", "UZ", "TpeDesignationNotified", "{\"country\": \"UZ\"}");
        String dataOnly = "{\"country\": \"UZ\", \"tpeId\": \"TPE-UZ-1\"}";
        // Published by Uzbekistan's partner system, with its own Kafka credentials, as in production.
        KafkaClient uzbekistan = TestInfra.asPartner("UZ");
        uzbekistan.publish(topic, "UZ", garbage);
        uzbekistan.publish(topic, "UZ", noSubject);
        uzbekistan.publish(topic, "UZ", notAUuid);
        uzbekistan.publish(topic, "UZ", dataOnly, new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("ce_type", "TpeDesignationNotified".getBytes(StandardCharsets.UTF_8)));

        List<String> malformed = List.of(garbage, noSubject, notAUuid, dataOnly);
        for (String value : malformed) {
            await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
                List<Map<String, Object>> letters = given().baseUri(url(Service.COUNTRY_ONBOARDING)).queryParam("limit", 1000)
                        .when().get("/api/dead-letters").then().statusCode(200).extract().jsonPath().getList("$");
                assertThat(letters).filteredOn(l -> value.equals(l.get("value"))).singleElement().satisfies(l -> {
                    assertThat(l.get("reasonCode")).isEqualTo("JCM-MSG-001");
                    assertThat((String) l.get("reason")).doesNotContain("NullPointerException");
                });
            });
        }

        // Dead-lettered by exactly one service (the one designated for what no service can read), never by two...
        for (Service other : List.of(Service.PROJECT_REGISTRY, Service.CREDIT_ISSUANCE)) {
            List<Map<String, Object>> letters = given().baseUri(url(other)).queryParam("limit", 1000).when().get("/api/dead-letters").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            assertThat(letters).noneMatch(l -> malformed.contains(l.get("value")));
        }
        // ...which answers the partner, once per record, with the refusal and its code.
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(uzbekistan.readAll("jcm.partner.uz.outbound.v1", Duration.ofMillis(500)))
                .extracting(r -> io.restassured.path.json.JsonPath.from(r.value()))
                .filteredOn(a -> "REFUSED".equals(a.getString("data.outcome")))
                .hasSize(malformed.size())
                .allSatisfy(a -> {
                    assertThat(a.getString("data.ruleCode")).isEqualTo("JCM-MSG-001");
                    assertThat(a.getString("data.answeredBy")).isEqualTo("country-onboarding");
                }));
    }

    private static String cloudEvent(String id, String subject, String type, String data) {
        return PartnerEvents.cloudEvent(id, PartnerEvents.source("UZ"), type, subject, data);
    }

    @Test
    void aCountryActivatedInOnboardingAppearsInTheOtherServicesWithinSeconds() {
        onboard("MN", "Mongolia", "2013-01-08");
        long start = System.nanoTime();

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/MN")
                .then().statusCode(200).body("state", equalTo("ACTIVE"), "registry.article6RegistryId", equalTo("MNG01")));
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/MN")
                .then().statusCode(200).body("countryCode", equalTo("MN"), "state", equalTo("ACTIVE")));
        System.out.printf("[e2e] MN visible in project-registry and credit-issuance %d ms after its activation returned%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/MN/accounts").then().statusCode(200)
                .body("type", containsInAnyOrder("GOVERNMENT_HOLDING", "CANCELLATION", "RETIREMENT"));

        // Japan, present from the start, has its registry too.
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/JP")
                .then().statusCode(200).body("article6RegistryId", equalTo("JPN01")));

        for (Service s : Service.values()) {
            given().baseUri(url(s)).when().get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true));
            given().baseUri(url(s)).when().get("/q/openapi").then().statusCode(200);
        }
    }

    /**
     * The aggregate topics keep their events for ever, as the launcher creates them (and compose and the Kubernetes
     * manifests, checked by deploy/validate-compose.sh): a new consumer group reads every event from the first. Dead
     * letters keep the broker's default.
     */
    @Test
    void aggregateTopicsKeepTheirEventsForEverAndDeadLettersDoNot() throws Exception {
        List<String> aggregates = List.of("jcm.country-onboarding.countries.v1", "jcm.project-registry.projects.v1",
                "jcm.project-registry.methodologies.v1", "jcm.credit-issuance.transactions.v1", "jcm.credit-issuance.accounts.v1");
        String deadLetters = "jcm.credit-issuance.dead-letter.v1";
        try (Admin admin = registry.broker().admin()) {
            List<ConfigResource> topics = new java.util.ArrayList<>();
            aggregates.forEach(t -> topics.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
            topics.add(new ConfigResource(ConfigResource.Type.TOPIC, deadLetters));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (String t : aggregates) {
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t)).get("retention.ms").value()).as(t).isEqualTo("-1");
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, deadLetters)).get("retention.ms").value()).isNotEqualTo("-1");

            // An aggregate topic created before it was kept for ever (an older .jcm-local/) is kept for ever once provisioned again.
            String older = "jcm.credit-issuance.older-aggregate.v1";
            admin.createTopics(List.of(new NewTopic(older, 1, (short) 1))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            ConfigResource olderTopic = new ConfigResource(ConfigResource.Type.TOPIC, older);
            assertThat(admin.describeConfigs(List.of(olderTopic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(olderTopic)
                    .get("retention.ms").value()).isNotEqualTo("-1");
            KafkaAccess.createTopics(admin, List.of(older), 1);
            assertThat(admin.describeConfigs(List.of(olderTopic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(olderTopic)
                    .get("retention.ms").value()).isEqualTo("-1");
        }
    }

    @Test
    void thailandsOnboardingIsVisibleStepByStepInTheOtherServicesAndInItsHistory() {
        String co = url(Service.COUNTRY_ONBOARDING);
        post(co, "/api/countries", "{\"code\": \"TH\", \"name\": \"Thailand\"}", 201);
        awaitCountry("TH", "PROPOSED", 1);
        post(co, "/api/countries/TH/bilateral-document", "{\"signedOn\": \"2015-11-19\"}", 200);
        awaitCountry("TH", "BILATERAL_DOCUMENT_SIGNED", 2);
        post(co, "/api/countries/TH/joint-committee", "{\"establishedOn\": \"2015-11-19\"}", 200);
        awaitCountry("TH", "JOINT_COMMITTEE_ESTABLISHED", 3);
        post(co, "/api/countries/TH/activation",
                "{\"activatedOn\": \"2016-03-01\", \"registryCode\": \"TH\", \"article6RegistryId\": \"THA01\", \"hosting\": \"EXTERNAL\"}", 200);
        awaitCountry("TH", "ACTIVE", 4);
        awaitRegistry("TH", "ACTIVE");
        post(co, "/api/countries/TH/tpes",
                "{\"tpeId\": \"TPE-TH-001\", \"name\": \"Japan Quality Assurance Organization\", \"sectoralScopes\": [1, 3], \"designatedOn\": \"2016-04-01\"}",
                201);
        post(co, "/api/countries/TH/tpes",
                "{\"tpeId\": \"TPE-TH-002\", \"name\": \"Lloyd's Register Quality Assurance\", \"sectoralScopes\": [1, 2, 3, 7], \"designatedOn\": \"2016-05-01\"}",
                201);
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/TH")
                .then().statusCode(200).body("version", equalTo(6), "thirdPartyEntities.tpeId", containsInAnyOrder("TPE-TH-001", "TPE-TH-002")));
        post(co, "/api/countries/TH/suspension", "{\"suspendedOn\": \"2020-01-15\", \"reason\": \"Joint Committee review\"}", 200);
        awaitCountry("TH", "SUSPENDED", 7);
        awaitRegistry("TH", "SUSPENDED");
        post(co, "/api/countries/TH/reinstatement", "{\"reinstatedOn\": \"2020-06-01\"}", 200);
        awaitCountry("TH", "ACTIVE", 8);
        awaitRegistry("TH", "ACTIVE");

        given().baseUri(co).when().get("/api/countries/TH/history").then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("PartnerCountryProposed", "BilateralDocumentSigned", "JointCommitteeEstablished",
                        "PartnerCountryActivated", "ThirdPartyEntityDesignated", "ThirdPartyEntityDesignated", "PartnerCountrySuspended",
                        "PartnerCountryReinstated"))
                .body("version", org.hamcrest.Matchers.contains(1, 2, 3, 4, 5, 6, 7, 8));
    }

    private static void awaitCountry(String code, String state, int version) {
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/" + code)
                .then().statusCode(200).body("state", equalTo(state), "version", equalTo(version)));
    }

    private static void awaitRegistry(String code, String state) {
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/" + code)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    private static void post(String baseUri, String path, String json, int status) {
        given().baseUri(baseUri).contentType(ContentType.JSON).body(json).when().post(path).then().statusCode(status);
    }

    @Test
    void aConsumerStoppedWhileEventsArePublishedCatchesUpOnRestart() {
        ServiceProcess projects = registry.services.get(Service.PROJECT_REGISTRY);
        int port = projects.port();
        projects.close();
        assertThat(projects.isAlive()).isFalse();

        onboard("VN", "Viet Nam", "2013-07-02");
        onboard("PH", "Philippines", "2017-01-12");
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> given().baseUri(url(Service.CREDIT_ISSUANCE)).when().get("/api/registries/PH")
                .then().statusCode(200));

        ServiceProcess restarted = registry.process(Service.PROJECT_REGISTRY, port).start().awaitReady(Duration.ofMinutes(3));
        registry.services.put(Service.PROJECT_REGISTRY, restarted);
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/VN").then().statusCode(200)
                    .body("state", equalTo("ACTIVE"), "version", equalTo(4));
            given().baseUri(url(Service.PROJECT_REGISTRY)).when().get("/api/countries/PH").then().statusCode(200)
                    .body("state", equalTo("ACTIVE"), "version", equalTo(4));
        });
    }

    @Test
    void eachServiceReachesOnlyItsOwnSchema() throws SQLException {
        PostgresServer.ServiceDatabase projects = registry.databases.get(Service.PROJECT_REGISTRY);
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

    private static String url(Service s) {
        return registry.url(s);
    }
}
