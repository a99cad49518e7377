package org.jcm.registry.countryonboarding.eventlog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The event log with small numbers, so that its limits show within a test: a stuck relay after 3 s, verification pages of 7,
 * redeliveries of at most 5 positions per request.
 */
public class EventLogTuning implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("jcm.event-log.stuck-after", "3s", "jcm.event-log.backlog-interval", "1s", "jcm.event-log.verify-page-size", "7",
                "jcm.event-log.redelivery-max-entries", "5");
    }
}
