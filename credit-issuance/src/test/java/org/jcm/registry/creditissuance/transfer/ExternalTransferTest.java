package org.jcm.registry.creditissuance.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jcm.registry.contract.Topics;
import org.jcm.registry.contract.country.CountrySnapshot;
import org.jcm.registry.contract.partner.ExternalTransferAnswered;
import org.jcm.registry.contract.partner.ExternalTransferProposed;
import org.jcm.registry.creditissuance.Ledgers;
import org.jcm.registry.platform.messaging.CloudEventCodec;
import org.jcm.registry.testsupport.Api;
import org.jcm.registry.testsupport.TestInfra;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External transfers with a registry reached only through events (Gabon's, GA, external): blocks reserved while the
 * proposal waits and movable by nothing else; released on rejection, on timeout and on cancellation; settled once on
 * acceptance; a duplicated, late, unknown or foreign answer changes nothing and is dead-lettered with its reason. And the
 * other way: Gabon's proposals to a registry kept here (Uruguay's, UY) pass the receiving checks, keep their serials and
 * issuing registry, and are answered on Gabon's outbound topic.
 */
@QuarkusTest
class ExternalTransferTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    CloudEventCodec codec;

    @Inject
    ExternalTransferService transfers;

    String uruguay;
    String other;
    long first;

    @BeforeEach
    void uruguayHoldsAuthorizedCredits() {
        Ledgers.activate(codec, "UY", "URY", "Uruguay", 5, CountrySnapshot.Hosting.HOSTED, CountrySnapshot.FirstTransfer.AUTHORIZATION);
        Ledgers.activate(codec, "GA", "GAB", "Gabon", 5, CountrySnapshot.Hosting.EXTERNAL, CountrySnapshot.FirstTransfer.AUTHORIZATION);
        Ledgers.activate(codec, "SN", "SEN", "Senegal", 5, CountrySnapshot.Hosting.EXTERNAL, CountrySnapshot.FirstTransfer.AUTHORIZATION);
        uruguay = Ledgers.openAccount("UY", "Uruguayan seller " + UUID.randomUUID(), null).getString("number");
        other = Ledgers.openAccount("UY", "Uruguayan buyer " + UUID.randomUUID(), null).getString("number");
        String project = "UY" + (100 + (int) (Math.random() * 800));
        Ledgers.issue(codec, "UY", project, uruguay, 2025, 100);
        first = Ledgers.firstSerial(uruguay, project);
        Api.given().contentType("application/json").body(Map.of("reference", "UY-A6-" + project, "authorizedOn", "2025-06-01", "uses", List.of("NDC"),
                "ranges", List.of(Map.of("start", first, "end", first + 99)))).when().post("/api/registries/UY/authorizations").then()
                .statusCode(201);
    }

    @Test
    void reservedBlocksWaitForTheAnswerAndOnlyTheTransferMovesThem() throws Exception {
        JsonPath rejected = propose(first, first + 9);
        assertThat(rejected.getString("state")).isEqualTo("PROPOSED");
        ExternalTransferProposed sent = outbound(ExternalTransferProposed.class, rejected.getString("id"), "ExternalTransferProposed");
        assertThat(sent.blocks()).hasSize(1);
        assertThat(sent.blocks().get(0).firstItmo()).isEqualTo("CA0001-URY01-URY-" + first + "-2025");
        assertThat(sent.blocks().get(0).authorization().firstTransferred()).isTrue();

        // While it waits, nothing else moves the reserved serials, and they are still held by the sender.
        move("/api/transfers", Map.of("fromAccount", uruguay, "toAccount", other, "ranges", List.of(Map.of("start", first, "end", first + 9))))
                .then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-LED-302"));
        move("/api/retirements", Map.of("fromAccount", uruguay, "ranges", List.of(Map.of("start", first + 5, "end", first + 5)), "purpose", "NDC",
                "beneficiary", "Uruguay", "yearOfUse", 2025)).then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("JCM-LED-302"));
        move("/api/transfers", Map.of("fromAccount", uruguay, "toAccount", other, "quantity", 91)).then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("JCM-LED-301"));
        assertThat(balance(uruguay)).isEqualTo(100);
        try (Connection db = TestInfra.serviceConnection("credit_issuance")) {
            // Closing it under any transaction but a step of its own transfer (here: an issuance) is refused by the database itself.
            assertThatThrownBy(() -> db.createStatement().executeUpdate("UPDATE unit_block SET closed_by = (SELECT id FROM ledger_transaction "
                    + "WHERE type = 'ISSUANCE' LIMIT 1), closed_at = now() WHERE reserved_for = '" + rejected.getString("id")
                    + "' AND closed_by IS NULL"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("nothing else moves it");
        }

        // Gabon rejects: the serials are free again.
        answer("GA", rejected.getString("id"), false);
        awaitState(rejected.getString("id"), "REJECTED");
        move("/api/transfers", Map.of("fromAccount", uruguay, "toAccount", other, "ranges", List.of(Map.of("start", first, "end", first + 9))))
                .then().statusCode(201);

        // An operator cancels the next proposal: Gabon is told, and its late acceptance changes nothing.
        JsonPath cancelled = propose(first + 10, first + 19);
        Api.given().contentType("application/json").body(Map.of("reason", "Buyer withdrew")).when()
                .post("/api/external-transfers/" + cancelled.getString("id") + "/cancellation").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("CANCELLED"));
        assertThat(outbound(Map.class, cancelled.getString("id"), "ExternalTransferWithdrawn")).containsEntry("outcome", "CANCELLED");
        UUID late = answer("GA", cancelled.getString("id"), true);
        awaitDeadLetter(late, "JCM-EXT-004");
        assertThat(state(cancelled.getString("id"))).isEqualTo("CANCELLED");

        // No answer in time: the proposal expires and its serials are free.
        JsonPath expiring = propose(first + 20, first + 29);
        assertThat(transfers.expireDue(Instant.now().plus(Duration.ofDays(2)))).isGreaterThanOrEqualTo(1);
        assertThat(state(expiring.getString("id"))).isEqualTo("EXPIRED");
        assertThat(outbound(Map.class, expiring.getString("id"), "ExternalTransferWithdrawn")).containsEntry("outcome", "EXPIRED");

        // Gabon accepts: the serials leave Uruguay's registry, once.
        JsonPath accepted = propose(first + 30, first + 49);
        UUID yes = answer("GA", accepted.getString("id"), true);
        awaitState(accepted.getString("id"), "COMPLETED");
        assertThat(balance(uruguay)).isEqualTo(70);
        TestInfra.publishEvent(Topics.partnerInbound("GA"), null, accepted.getString("id"), codec.encode(yes, "urn:jcm:partner:ga",
                "ExternalTransferAnswered", accepted.getString("id"), Instant.now(), new ExternalTransferAnswered("GA",
                        UUID.fromString(accepted.getString("id")), true, null, null)));
        UUID again = answer("GA", accepted.getString("id"), true);
        awaitDeadLetter(again, "JCM-EXT-004");
        UUID foreign = answer("SN", accepted.getString("id"), false);
        awaitDeadLetter(foreign, "JCM-EXT-005");
        UUID unknown = answer("GA", UUID.randomUUID().toString(), true);
        awaitDeadLetter(unknown, "JCM-EXT-001");
        assertThat(balance(uruguay)).isEqualTo(70);
        assertThat(Api.given().when().get("/api/external-transfers/" + accepted.getString("id")).then().statusCode(200).extract().jsonPath()
                .getList("steps.state")).containsExactly("PROPOSED", "COMPLETED");

        JsonPath conservation = Api.given().queryParam("registry", "UY").when().get("/api/ledger/conservation").then().statusCode(200).extract()
                .jsonPath();
        assertThat(conservation.getBoolean("holds")).isTrue();
        assertThat(conservation.getLong("registries.find { it.registry == 'UY' }.transferredOut")).isGreaterThanOrEqualTo(20);
        assertThat(conservation.getLong("registries.find { it.registry == 'UY' }.reserved")).isZero();
    }

    @Test
    void gabonsProposalsPassTheReceivingChecksAndKeepTheirSerials() {
        long start = 1_000 + (long) (Math.random() * 1_000_000);
        UUID accepted = UUID.randomUUID();
        fromGabon(accepted, uruguay, start, start + 49);
        await().atMost(WAIT).untilAsserted(() -> assertThat(balance(uruguay)).isEqualTo(150));
        ExternalTransferAnswered yes = outbound(ExternalTransferAnswered.class, accepted.toString(), "ExternalTransferAnswered");
        assertThat(yes.accepted()).isTrue();
        JsonPath lineage = Api.given().queryParam("registry", "GA").queryParam("serial", start + 7).when().get("/api/blocks").then().statusCode(200)
                .extract().jsonPath();
        assertThat(lineage.getList("steps.step")).containsExactly("RECEIVED");
        assertThat(lineage.getString("steps[0].block.display")).isEqualTo("JCM-GA-GA007-2024-" + start + "-" + (start + 49));

        UUID sameSerials = UUID.randomUUID();
        fromGabon(sameSerials, other, start + 40, start + 59);
        ExternalTransferAnswered held = outbound(ExternalTransferAnswered.class, sameSerials.toString(), "ExternalTransferAnswered");
        assertThat(held.accepted()).isFalse();
        assertThat(held.ruleCode()).isEqualTo("JCM-EXT-007");
        UUID nobody = UUID.randomUUID();
        fromGabon(nobody, "UY-200-999999", start + 100, start + 109);
        assertThat(outbound(ExternalTransferAnswered.class, nobody.toString(), "ExternalTransferAnswered").ruleCode()).isEqualTo("JCM-LED-201");
        assertThat(balance(other)).isZero();

        // What cannot be a transfer to this registry is dead-lettered with its reason, and moves nothing.
        awaitDeadLetter(proposalFromGabon(accepted, "GA", "UY", start + 200, start + 209, 10), "JCM-EXT-011");
        awaitDeadLetter(proposalFromGabon(UUID.randomUUID(), "SN", "UY", start + 200, start + 209, 10), "JCM-EXT-010");
        awaitDeadLetter(proposalFromGabon(UUID.randomUUID(), "GA", "SN", start + 200, start + 209, 10), "JCM-EXT-009");
        awaitDeadLetter(proposalFromGabon(UUID.randomUUID(), "GA", "UY", start + 200, start + 209, 11), "JCM-EXT-012");
        assertThat(balance(uruguay)).isEqualTo(150);
        JsonPath conservation = Api.given().queryParam("registry", "UY").when().get("/api/ledger/conservation").then().statusCode(200).extract()
                .jsonPath();
        assertThat(conservation.getBoolean("holds")).isTrue();
        assertThat(conservation.getLong("projects.find { it.registry == 'UY' && it.project == 'GA007' }.received")).isGreaterThanOrEqualTo(50);
    }

    /** A proposal on Gabon's inbound topic claiming to come from {@code fromRegistry}, for {@code toRegistry}; its event id. */
    private UUID proposalFromGabon(UUID transfer, String fromRegistry, String toRegistry, long start, long end, long quantity) {
        return Ledgers.fromPartner(codec, "GA", "ExternalTransferProposed", transfer.toString(), new ExternalTransferProposed("GA", transfer,
                fromRegistry, "GA-100-1", toRegistry, uruguay, quantity, null, null,
                List.of(new ExternalTransferProposed.TransferredBlock("GA", start,
                        end, "GA007", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 2024, null, null,
                        new ExternalTransferProposed.ItmoAuthorization("GA-A6-7", LocalDate.of(2024, 6, 1), List.of("NDC"), "INTERNATIONAL_TRANSFER",
                                true)))));
    }

    private void fromGabon(UUID id, String toAccount, long start, long end) {
        ExternalTransferProposed proposal = new ExternalTransferProposed("GA", id, "GA", "GA-100-1", "UY", toAccount, end - start + 1,
                "Sale to Uruguay", null, List.of(new ExternalTransferProposed.TransferredBlock("GA", start, end, "GA007", LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 12, 31), 2024, null, null, new ExternalTransferProposed.ItmoAuthorization("GA-A6-7",
                                LocalDate.of(2024, 6, 1), List.of("NDC"), "INTERNATIONAL_TRANSFER", true))));
        Ledgers.fromPartner(codec, "GA", "ExternalTransferProposed", id.toString(), proposal);
    }

    private JsonPath propose(long start, long end) {
        return move("/api/external-transfers", Map.of("fromAccount", uruguay, "toRegistry", "GA", "toAccount", "GA-ACC-7", "ranges",
                List.of(Map.of("start", start, "end", end)))).then().statusCode(201).extract().jsonPath();
    }

    private static io.restassured.response.Response move(String path, Map<String, Object> body) {
        return Api.given().contentType("application/json").body(body).when().post(path);
    }

    private UUID answer(String cc, String transfer, boolean accepted) {
        return Ledgers.fromPartner(codec, cc, "ExternalTransferAnswered", transfer, new ExternalTransferAnswered(cc, UUID.fromString(transfer),
                accepted, accepted ? null : "GA-201", accepted ? null : "the receiving account is closed"));
    }

    private <T> T outbound(Class<T> type, String key, String eventType) {
        String topic = Topics.partnerOutbound("GA");
        return await().atMost(WAIT).until(() -> TestInfra.readAll(topic, Duration.ofMillis(300)).stream().filter(r -> key.equals(r.key()))
                .map(ConsumerRecord::value).map(codec::decode).filter(e -> eventType.equals(e.type()))
                .map(e -> codec.bind(e, type)).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private static void awaitState(String transfer, String state) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(state(transfer)).isEqualTo(state));
    }

    private static String state(String transfer) {
        return Api.given().when().get("/api/external-transfers/" + transfer).then().statusCode(200).extract().path("state");
    }

    private static void awaitDeadLetter(UUID event, String code) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(Api.given().queryParam("limit", 1000).when().get("/api/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + event + "' }.reasonCode")).containsExactly(code));
    }

    private static long balance(String account) {
        return Ledgers.balance(Ledgers.accountId(account));
    }
}
