package org.jcm.registry.platform.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final ChainHash.Content ENTRY = new ChainHash.Content(UUID.fromString("6f1c7e0a-3b7d-4c1e-9a51-0b8e2f5d9c11"),
            "jcm.country-onboarding.countries.v1", "PartnerCountry", "TH", "PartnerCountryActivated",
            Instant.parse("2026-11-22T10:15:30.123456Z"), "{\"specversion\":\"1.0\"}");

    @Test
    void isAStableSha256OfThePreviousHashPositionAndContent() {
        String hash = ChainHash.of(ChainHash.GENESIS, 1, ENTRY);
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(ChainHash.of(ChainHash.GENESIS, 1, ENTRY));
    }

    @Test
    void changesWithEveryCoveredField() {
        String hash = ChainHash.of(ChainHash.GENESIS, 1, ENTRY);
        assertThat(ChainHash.of("1".repeat(64), 1, ENTRY)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, 2, ENTRY)).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, new ChainHash.Content(UUID.randomUUID(), ENTRY.topic(), ENTRY.aggregateType(),
                ENTRY.aggregateId(), ENTRY.eventType(), ENTRY.occurredAt(), ENTRY.message()))).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, new ChainHash.Content(ENTRY.eventId(), ENTRY.topic(), ENTRY.aggregateType(),
                "VN", ENTRY.eventType(), ENTRY.occurredAt(), ENTRY.message()))).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, new ChainHash.Content(ENTRY.eventId(), ENTRY.topic(), ENTRY.aggregateType(),
                ENTRY.aggregateId(), ENTRY.eventType(), ENTRY.occurredAt().plusNanos(1000), ENTRY.message()))).isNotEqualTo(hash);
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, new ChainHash.Content(ENTRY.eventId(), ENTRY.topic(), ENTRY.aggregateType(),
                ENTRY.aggregateId(), ENTRY.eventType(), ENTRY.occurredAt(), "{\"specversion\":\"1.1\"}"))).isNotEqualTo(hash);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // Without length prefixes, "T" + "HX" and "TH" + "X" would read the same.
        ChainHash.Content a = new ChainHash.Content(ENTRY.eventId(), ENTRY.topic(), "PartnerCountr", "yTH", ENTRY.eventType(), ENTRY.occurredAt(),
                ENTRY.message());
        ChainHash.Content b = new ChainHash.Content(ENTRY.eventId(), ENTRY.topic(), "PartnerCountry", "TH", ENTRY.eventType(), ENTRY.occurredAt(),
                ENTRY.message());
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, a)).isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, b));
    }
}
