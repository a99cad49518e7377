package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The filtering, checking and de-duplication of checkpoint records, on record values held in memory. */
class CheckpointFetchTest {

    static final KeyPair KEYS = Keys.generate();
    static final List<LogEntry> LOG = Synthetic.log(60);
    static final Merkle.MemoryTree TREE = Synthetic.tree(LOG);
    static final String ORIGIN = Synthetic.ORIGIN;

    /** A structured-mode CloudEvent as the services publish it. */
    static String event(SignedCheckpoint sc) {
        return event(sc.checkpoint().origin(), sc.toNode());
    }

    static String event(String subject, Object data) {
        ObjectNode e = Json.object();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", "/jcm/credit-issuance");
        e.put("type", CheckpointFetch.EVENT_TYPE);
        e.put("datacontenttype", "application/json");
        if (subject != null) {
            e.put("subject", subject);
        }
        e.put("time", "2026-12-02T00:00:00Z");
        if (data instanceof ObjectNode node) {
            e.set("data", node);
        } else if (data instanceof String text) {
            e.put("data", text);
        }
        return Json.write(e);
    }

    static String otherEvent(String type) {
        ObjectNode e = Json.object();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", "/jcm/project-registry");
        e.put("type", type);
        e.put("subject", "TH-001");
        e.putObject("data").put("projectId", "TH-001");
        return Json.write(e);
    }

    static SignedCheckpoint cp(long size) {
        return Synthetic.checkpoint(TREE, size, KEYS);
    }

    static SignedCheckpoint of(String origin, long size) {
        Checkpoint c = new Checkpoint(origin, size, Hex.hex(TREE.root(size)), Synthetic.timestamp(size));
        return SignedCheckpoint.sign(c, KEYS.getPrivate(), KEYS.getPublic());
    }

    static CheckpointFetch.Result collect(String... values) {
        CheckpointFetch.Collector c = new CheckpointFetch.Collector(ORIGIN);
        for (int i = 0; i < values.length; i++) {
            c.accept("offset " + i, Map.of(), values[i]);
        }
        return c.result();
    }

    @Test
    void keepsTheOriginsCheckpointsOncePerSizeSortedAndSkipsTheRest() {
        CheckpointFetch.Result r = collect(event(cp(40)), otherEvent("ProjectRegistered"), event(cp(10)), event(cp(40)),
                event(of("jcm-registry/project-registry", 7)), "not json at all", null, "{\"hello\":1}", event(cp(25)), event(cp(10)),
                otherEvent("PartnerCountryActivated"));
        assertThat(r.checkpoints()).containsExactly(cp(10), cp(25), cp(40));
        assertThat(r.records()).isEqualTo(11);
        assertThat(r.duplicates()).isEqualTo(2);
        assertThat(r.otherTypes()).isEqualTo(2);
        assertThat(r.notCloudEvents()).isEqualTo(3);
        assertThat(r.otherOrigins()).containsExactly(Map.entry("jcm-registry/project-registry", 1L));
        assertThat(r.forks()).isEmpty();
        assertThat(r.refused()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        // What is written is what the log command reads.
        assertThat(SignedCheckpoint.fromJson(r.checkpoints().get(1).toJson())).isEqualTo(cp(25));
    }

    @Test
    void twoRootsForOneSizeAreBothKeptAndReportedAsAFork() {
        List<LogEntry> forked = new ArrayList<>(LOG);
        forked.set(30, Synthetic.withMessage(forked.get(30), "{\"quantity\":1}"));
        Merkle.MemoryTree forkTree = Synthetic.tree(forked);
        SignedCheckpoint other = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 40, Hex.hex(forkTree.root(40)), "2026-12-03T00:00:00Z"),
                KEYS.getPrivate(), KEYS.getPublic());
        CheckpointFetch.Result r = collect(event(other), event(cp(40)), event(cp(10)), event(other));
        assertThat(r.checkpoints()).containsExactly(cp(10), cp(40), other);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.forks()).singleElement().asString().startsWith("FORK: " + ORIGIN + " has 2 checkpoints of size 40 with different roots (root "
                + cp(40).checkpoint().rootHash()).contains("root " + other.checkpoint().rootHash() + " at 2026-12-03T00:00:00Z");
        assertThat(r.warnings()).isEqualTo(r.forks());
    }

    @Test
    void theSameRootSignedAgainIsKeptOnceWithANote() {
        Checkpoint c = cp(25).checkpoint();
        SignedCheckpoint again = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 25, c.rootHash(), "2026-12-05T00:00:00Z"), KEYS.getPrivate(),
                KEYS.getPublic());
        CheckpointFetch.Result r = collect(event(cp(25)), event(again));
        assertThat(r.checkpoints()).containsExactly(cp(25));
        assertThat(r.forks()).isEmpty();
        assertThat(r.notes()).singleElement().asString().startsWith("checkpoint 25: the same root signed again (timestamp 2026-12-05T00:00:00Z");
    }

    @Test
    void malformedCheckpointsAreRefusedCountedAndNamed() {
        ObjectNode missing = cp(10).toNode();
        missing.remove("signature");
        ObjectNode extra = cp(10).toNode();
        extra.put("note", "x");
        ObjectNode badRoot = cp(10).toNode();
        badRoot.put("rootHash", "ABC");
        ObjectNode sizeAsText = cp(10).toNode();
        sizeAsText.put("treeSize", "10");
        ObjectNode shortSig = cp(10).toNode();
        shortSig.put("signature", Base64.getEncoder().encodeToString(new byte[12]));
        ObjectNode badKeyId = cp(10).toNode();
        badKeyId.put("keyId", "not-a-key-id");
        ObjectNode badTime = cp(10).toNode();
        badTime.put("timestamp", "yesterday");
        CheckpointFetch.Result r = collect(event(ORIGIN, missing), event(ORIGIN, extra), event(ORIGIN, badRoot), event(ORIGIN, sizeAsText),
                event(ORIGIN, shortSig), event(ORIGIN, badKeyId), event(ORIGIN, badTime), event(ORIGIN, cp(10).toJson()), event(ORIGIN, null),
                event("jcm-registry/project-registry", cp(25).toNode()), event(cp(40)));
        assertThat(r.checkpoints()).containsExactly(cp(40));
        assertThat(r.refused()).hasSize(10);
        assertThat(r.refused().get(0))
                .isEqualTo("offset 0 (subject " + ORIGIN + "): not a well-formed checkpoint, left out: checkpoint: missing \"signature\"");
        assertThat(r.refused().get(1)).endsWith("unexpected key \"note\"");
        assertThat(r.refused().get(2)).contains("root hash must be 64 lower-case hex characters");
        assertThat(r.refused().get(3)).endsWith("\"treeSize\" must be an integer");
        assertThat(r.refused().get(4)).endsWith("must be 64 bytes (Ed25519), not 12");
        assertThat(r.refused().get(5)).contains("\"keyId\" must be 16 lower-case hex characters");
        assertThat(r.refused().get(6)).contains("not an ISO-8601 instant: yesterday");
        assertThat(r.refused().get(7)).as("data as a JSON string, not an object").endsWith("expected a JSON object");
        assertThat(r.refused().get(8)).endsWith("the event has no data");
        assertThat(r.refused().get(9)).startsWith("offset 9 (subject jcm-registry/project-registry)")
                .endsWith("the event's subject is jcm-registry/project-registry but its checkpoint's origin is " + ORIGIN);
    }

    @Test
    void binaryModeAndBase64DataAreRead() {
        CheckpointFetch.Collector c = new CheckpointFetch.Collector(ORIGIN);
        c.accept("binary", Map.of("ce_type", CheckpointFetch.EVENT_TYPE, "ce_subject", ORIGIN, "ce_specversion", "1.0"), cp(10).toJson());
        c.accept("binary other", Map.of("ce_type", "ProjectRegistered", "ce_specversion", "1.0"), "{\"projectId\":\"TH-001\"}");
        ObjectNode e = (ObjectNode) Json.parse(event(ORIGIN, null), "test");
        e.put("data_base64", Base64.getEncoder().encodeToString(cp(25).toJson().getBytes(StandardCharsets.UTF_8)));
        c.accept("base64", Map.of(), Json.write(e));
        CheckpointFetch.Result r = c.result();
        assertThat(r.checkpoints()).containsExactly(cp(10), cp(25));
        assertThat(r.otherTypes()).isEqualTo(1);
        assertThat(r.refused()).isEmpty();
    }
}
