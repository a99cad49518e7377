package org.jcm.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LogEntryTest {

    static final String MESSAGE = "{\"note\":\"モンゴル太陽光 🌞\"}";

    /*
     * The canonical form, written out by hand: the message is 21 Java chars but 37 UTF-8 bytes (7 katakana/kanji of 3
     * bytes, an emoji of 4). Its SHA-256 and leaf hash, computed independently:
     *
     * printf '%s' '64:0000000000000000000000000000000000000000000000000000000000000000;1:1;36:0b6f7c1e-6d1a-4c8e-9a57-3f1d2e4b5a69;26:jcm.credit-issuance.events;15:IssuanceRequest;9:JP-MN-001;13:CreditsIssued;27:2026-12-01T10:00:00.123456Z;37:{"note":"モンゴル太陽光 🌞"};' | sha256sum
     * → 2f60eaa8dff6c05a782c8899ec08163b9734d173f1c3d88ec7ad0fa0b82fc169
     *
     * (printf '\x00'; printf '%s' '<the same>') | sha256sum → 0ee557bb1e2f59488245268920098c18368a688fb26152003fb3e5b21c0d4fe9
     */
    static final String CANONICAL = "64:0000000000000000000000000000000000000000000000000000000000000000;1:1;"
            + "36:0b6f7c1e-6d1a-4c8e-9a57-3f1d2e4b5a69;26:jcm.credit-issuance.events;15:IssuanceRequest;9:JP-MN-001;13:CreditsIssued;"
            + "27:2026-12-01T10:00:00.123456Z;37:{\"note\":\"モンゴル太陽光 🌞\"};";
    static final String HASH = "2f60eaa8dff6c05a782c8899ec08163b9734d173f1c3d88ec7ad0fa0b82fc169";
    static final String LEAF_HASH = "0ee557bb1e2f59488245268920098c18368a688fb26152003fb3e5b21c0d4fe9";

    static LogEntry example() {
        return LogEntry.chained(LogEntry.GENESIS, 1, "0b6f7c1e-6d1a-4c8e-9a57-3f1d2e4b5a69", "jcm.credit-issuance.events", "IssuanceRequest",
                "JP-MN-001", "CreditsIssued", "2026-12-01T10:00:00.123456Z", MESSAGE);
    }

    @Test
    void canonicalFormLengthPrefixesUtf8Bytes() {
        LogEntry e = example();
        assertThat(e.canonical()).isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertThat(LogEntry.canonical(e.prevHash(), e.position(), e.eventId(), e.topic(), e.aggregateType(), e.aggregateId(), e.eventType(),
                e.occurredAt(), e.message())).isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertThat(e.hash()).isEqualTo(HASH);
        assertThat(LogEntry.chainHash(LogEntry.GENESIS, 1, e.eventId(), e.topic(), e.aggregateType(), e.aggregateId(), e.eventType(),
                e.occurredAt(), MESSAGE)).isEqualTo(HASH);
        assertThat(Hex.hex(e.leafHash())).isEqualTo(LEAF_HASH);
        assertThat(MESSAGE.length()).isEqualTo(21);
    }

    @Test
    void lengthPrefixesKeepFieldsApart() {
        String a = LogEntry.chainHash(LogEntry.GENESIS, 1, "e", "t", "ab", "c", "x", "2026-12-01T10:00:00Z", "m");
        String b = LogEntry.chainHash(LogEntry.GENESIS, 1, "e", "t", "a", "bc", "x", "2026-12-01T10:00:00Z", "m");
        String c = LogEntry.chainHash(LogEntry.GENESIS, 1, "e", "t", "a;2:bc", "", "x", "2026-12-01T10:00:00Z", "m");
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(b).isNotEqualTo(c);
    }

    @Test
    void jsonRoundTripWithExactlyTheExportKeys() throws Exception {
        LogEntry e = example();
        String json = e.toJson();
        assertThat(json).doesNotContain("\n");
        assertThat(Json.MAPPER.readTree(json).fieldNames()).toIterable().containsExactly("position", "eventId", "topic", "aggregateType",
                "aggregateId", "eventType", "occurredAt", "message", "prevHash", "hash");
        assertThat(Json.MAPPER.readTree(json).get("position").isIntegralNumber()).isTrue();
        assertThat(LogEntry.fromJson(json)).isEqualTo(e);
    }

    @Test
    void fromJsonRefusesIncompleteOrExtraFields() {
        String json = example().toJson();
        assertThatThrownBy(() -> LogEntry.fromJson(json.replace("\"topic\"", "\"topik\""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> LogEntry.fromJson(json.replace("\"position\":1", "\"position\":\"1\""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position");
        assertThatThrownBy(() -> LogEntry.fromJson("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
