package org.jcm.registry.creditissuance;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountryEvent;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.country.CountryState;
import org.jcm.registry.contract.project.DocumentReference;
import org.jcm.registry.contract.project.JcDecision;
import org.jcm.registry.contract.project.ProjectEvent;
import org.jcm.registry.contract.project.ProjectSnapshot;
import org.jcm.registry.contract.project.ProjectState;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.TestInfra;

/**
 * Puts the ledger's preconditions in place the way production does, through the other services' events on the real
 * broker: an ACTIVE country (which opens its registry), a REGISTERED project, verified reductions; then opens accounts
 * and issues through the API.
 */
public final class Ledgers {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SHA = "a".repeat(64);

    private Ledgers() {}

    /** Activates a partner country (registry code = country code) and waits for its registry. */
    public static void activate(CloudEventCodec codec, String cc, String alpha3, String name) {
        CountrySnapshot country = new CountrySnapshot(cc, alpha3, name, CountryState.ACTIVE, 4, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1, 1),
                LocalDate.of(2015, 6, 1), new CountrySnapshot.RegistryIdentity(cc, alpha3 + "01", CountrySnapshot.Hosting.HOSTED), null, List.of(),
                null);
        TestInfra.publishEvent(Topics.COUNTRIES, null, cc, codec.encode(UUID.randomUUID(), "/jcm/country-onboarding", "PartnerCountryActivated", cc,
                Instant.now(), new CountryEvent.PartnerCountryActivated(country, "operator", country.activatedOn())));
        await().atMost(WAIT).untilAsserted(() -> Api.given().when().get("/api/registries/" + cc).then().statusCode(200));
    }

    /**
     * Activates a partner country at snapshot {@code version} with its registry {@code hosting} and Article 6 settings
     * (NDC and OIMP authorized, OIMP's first transfer at {@code oimpFirstTransfer}).
     */
    public static void activate(CloudEventCodec codec, String cc, String alpha3, String name, long version, CountrySnapshot.Hosting hosting,
            CountrySnapshot.FirstTransfer oimpFirstTransfer) {
        activate(codec, cc, alpha3, name, version, hosting, new CountrySnapshot.Article6Settings(true, true, oimpFirstTransfer));
    }

    /** As above, with the country's Article 6 settings as given. */
    public static void activate(CloudEventCodec codec, String cc, String alpha3, String name, long version, CountrySnapshot.Hosting hosting,
            CountrySnapshot.Article6Settings article6) {
        CountrySnapshot country = new CountrySnapshot(cc, alpha3, name, CountryState.ACTIVE, version, LocalDate.of(2015, 1, 1),
                LocalDate.of(2015, 1, 1), LocalDate.of(2015, 6, 1), new CountrySnapshot.RegistryIdentity(cc, alpha3 + "01", hosting), null, List.of(),
                article6);
        TestInfra.publishEvent(Topics.COUNTRIES, null, cc, codec.encode(UUID.randomUUID(), "/jcm/country-onboarding", "PartnerCountryActivated", cc,
                Instant.now(), new CountryEvent.PartnerCountryActivated(country, "operator", country.activatedOn())));
        await().atMost(WAIT).untilAsserted(() -> Api.given().when().get("/api/registries/" + cc).then().statusCode(200));
    }

    /** Publishes {@code event} as {@code cc}'s partner system on its inbound topic; returns the event id. */
    public static UUID fromPartner(CloudEventCodec codec, String cc, String type, String subject, Object event) {
        UUID id = UUID.randomUUID();
        TestInfra.publishEvent(Topics.partnerInbound(cc), null, subject, codec.encode(id, "urn:jcm:partner:" + cc.toLowerCase(), type, subject,
                Instant.now(), event));
        return id;
    }

    /** An account of a registry's own (GOVERNMENT_HOLDING, RETIREMENT, CANCELLATION): its number. */
    public static String registryAccount(String registry, String type) {
        return Api.given().when().get("/api/registries/" + registry + "/accounts").then().statusCode(200).extract().jsonPath()
                .getString("find { it.type == '" + type + "' }.number");
    }

    /**
     * Issues {@code quantity} credits of vintage {@code vintage} of a fresh project of {@code cc} into {@code account}
     * (monitoring period: the vintage's year).
     */
    public static void issue(CloudEventCodec codec, String cc, String reference, String account, int vintage, long quantity) {
        ProjectSnapshot project = registerProject(codec, cc, reference);
        LocalDate start = LocalDate.of(vintage, 1, 1);
        LocalDate end = LocalDate.of(vintage, 12, 31);
        verify(codec, project, start, end, Map.of(vintage, quantity));
        String issuance = requestIssuance(reference, start, end);
        decide(issuance, "JC-" + reference, List.of(line(cc, account, vintage, quantity))).then().statusCode(200);
    }

    /** Suspends an active partner country (its registry follows: SUSPENDED) and waits for the registry to follow. */
    public static void suspend(CloudEventCodec codec, String cc, String alpha3, String name) {
        CountrySnapshot country = new CountrySnapshot(cc, alpha3, name, CountryState.SUSPENDED, 5, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1, 1),
                LocalDate.of(2015, 6, 1), new CountrySnapshot.RegistryIdentity(cc, alpha3 + "01", CountrySnapshot.Hosting.HOSTED), null, List.of(),
                null);
        TestInfra.publishEvent(Topics.COUNTRIES, null, cc, codec.encode(UUID.randomUUID(), "/jcm/country-onboarding", "PartnerCountrySuspended", cc,
                Instant.now(), new CountryEvent.PartnerCountrySuspended(country, "operator", LocalDate.of(2024, 1, 1), "Joint Committee decision")));
        await().atMost(WAIT).untilAsserted(() -> Api.given().when().get("/api/registries/" + cc).then().statusCode(200).body("state",
                org.hamcrest.Matchers.equalTo("SUSPENDED")));
    }

    /** Publishes a REGISTERED project of {@code cc} naming {@code participantIds} among its participants. */
    public static ProjectSnapshot registerProject(CloudEventCodec codec, String cc, String reference, String... participantIds) {
        List<ProjectSnapshot.Participant> participants = new ArrayList<>();
        participants.add(new ProjectSnapshot.Participant("Government-backed developer of " + cc, cc, "PROJECT_PARTICIPANT", true, null));
        for (String p : participantIds) {
            participants.add(new ProjectSnapshot.Participant("Participant " + p, "JP", "PROJECT_PARTICIPANT", false, p));
        }
        ProjectSnapshot project = new ProjectSnapshot(UUID.randomUUID().toString(), cc + "_PIN" + reference.substring(2), reference,
                "Project " + reference, cc, UUID.randomUUID().toString(), cc + "_AM001", 1, 1, ProjectState.REGISTERED, 7, participants,
                new ProjectSnapshot.Period(LocalDate.of(2018, 1, 1), LocalDate.of(2030, 12, 31)), 500, new ProjectSnapshot.CreditAllocation(
                        new BigDecimal("50"), new BigDecimal("0"), new BigDecimal("50")),
                null, List.of(), LocalDate.of(2017, 1, 1), null, null, null, null, new JcDecision("JC-" + cc + "-REG", LocalDate.of(2017, 9, 1)),
                null, null);
        TestInfra.publishEvent(Topics.PROJECTS, null, project.id(), codec.encode(UUID.randomUUID(), "/jcm/project-registry", "ProjectRegistered",
                project.id(), Instant.now(), new ProjectEvent.ProjectRegistered(project, "operator", project.registration())));
        return project;
    }

    /** Publishes a positive verification of {@code project}'s period with tonnes per vintage; returns its id. */
    public static String verify(CloudEventCodec codec, ProjectSnapshot project, LocalDate start, LocalDate end, Map<Integer, Long> vintages) {
        String id = UUID.randomUUID().toString();
        List<ProjectEvent.VintageAmount> amounts = new TreeMap<>(vintages).entrySet().stream()
                .map(e -> new ProjectEvent.VintageAmount(e.getKey(), e.getValue())).toList();
        long total = vintages.values().stream().mapToLong(Long::longValue).sum();
        ProjectEvent.ReductionsVerified event = new ProjectEvent.ReductionsVerified(project, "operator", id, null, project.reference(),
                project.hostCountry(), project.methodologyReference(), UUID.randomUUID().toString(), new ProjectSnapshot.Period(start, end), amounts,
                total, "TPE-" + project.hostCountry() + "-1", "Verifier " + project.hostCountry(), end.plusMonths(3),
                new DocumentReference("MONITORING_REPORT", "https://jcm.example/mr.pdf", SHA), new DocumentReference("VERIFICATION_REPORT",
                        "https://jcm.example/vr.pdf", SHA),
                project.creditAllocation());
        TestInfra.publishEvent(Topics.PROJECTS, null, project.id(), codec.encode(UUID.randomUUID(), "/jcm/project-registry", "ReductionsVerified",
                project.id(), Instant.now(), event));
        return id;
    }

    /** Requests the issuance of a verified period (as an operator), once the verification has arrived; returns its id. */
    public static String requestIssuance(String reference, LocalDate start, LocalDate end) {
        String[] id = new String[1];
        await().atMost(WAIT).untilAsserted(() -> id[0] = Api.given().contentType("application/json")
                .body(Map.of("projectReference", reference, "monitoringPeriodStart", start.toString(), "monitoringPeriodEnd", end.toString()))
                .when().post("/api/issuances").then().statusCode(201).extract().path("id"));
        return id[0];
    }

    /** One allocation line of a decision. */
    public static Map<String, Object> line(String registry, String account, int vintage, long quantity) {
        return Map.of("registry", registry, "account", account, "vintage", vintage, "quantity", quantity);
    }

    /** Records a Joint Committee decision with {@code lines} and returns the answer, whatever it is. */
    public static io.restassured.response.Response decide(String issuance, String reference, List<Map<String, Object>> lines) {
        return Api.given().contentType("application/json")
                .body(Map.of("decisionReference", reference, "decidedOn", java.time.LocalDate.now().toString(), "lines", lines))
                .when().post("/api/issuances/" + issuance + "/decision");
    }

    /** Opens an entity holding account for a legal entity (as an operator); returns the account as the API answers it. */
    public static JsonPath openAccount(String registry, String holder, String participantId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("holder", holder, "holderIdentifier", "ID-" + UUID.randomUUID(), "contactEmail",
                "registry@holder.example"));
        if (participantId != null) {
            body.put("participantId", participantId);
        }
        return Api.given().contentType("application/json").body(body).when().post("/api/registries/" + registry + "/accounts").then().statusCode(201)
                .extract().jsonPath();
    }

    /** A new account holding {@code quantity} credits of a fresh project of {@code cc} (vintage 2020): its number and id. */
    public static JsonPath fundedAccount(CloudEventCodec codec, String cc, String reference, long quantity, String participantId) {
        JsonPath account = openAccount(cc, "Holder of " + reference, participantId);
        ProjectSnapshot project = registerProject(codec, cc, reference, participantId == null ? new String[0] : new String[]{participantId});
        LocalDate start = LocalDate.of(2020, 1, 1);
        LocalDate end = LocalDate.of(2020, 12, 31);
        verify(codec, project, start, end, Map.of(2020, quantity));
        String issuance = requestIssuance(reference, start, end);
        decide(issuance, "JC-" + reference, List.of(line(cc, account.getString("number"), 2020, quantity))).then().statusCode(200);
        return account;
    }

    /** The id of the account numbered {@code number}. */
    public static String accountId(String number) {
        return Api.given().when().get("/api/registries/" + number.split("-")[0] + "/accounts").then().statusCode(200).extract().jsonPath()
                .getString("find { it.number == '" + number + "' }.id");
    }

    /** The first serial of the block of {@code project} the account holds. */
    public static long firstSerial(String account, String project) {
        JsonPath held = Api.given().when().get("/api/accounts/" + accountId(account) + "/holdings").then().statusCode(200).extract().jsonPath();
        return held.getLong("blocks.find { it.projectReference == '" + project + "' }.start");
    }

    public static long balance(String accountId) {
        return Api.given().when().get("/api/accounts/" + accountId).then().statusCode(200).extract().jsonPath().getLong("balance");
    }

    public static JsonPath conservation() {
        return Api.given().when().get("/api/ledger/conservation").then().statusCode(200).extract().jsonPath();
    }
}
