package org.jcm.registry.countryonboarding.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jcm.registry.platform.eventlog.RelayConnection;
import org.junit.jupiter.api.Test;

/**
 * One relay per service, not one per database: a second replica of this service waits while this one leads, but the
 * relay of another service sharing the database (the launcher and the end-to-end tests put all three schemas in one
 * database) leads its own schema at the same time.
 */
@QuarkusTest
class RelayLeadershipTest {

    @Inject
    RelayConnection relay;

    @Test
    void aSecondReplicaWaitsButAnotherServiceSharingTheDatabaseLeadsItsOwnSchema() throws Exception {
        assertThat(relay.asLeader(c -> "leading")).contains("leading");

        RelayConnection replica = connection("country_onboarding", "country-onboarding-replica");
        RelayConnection otherService = connection("project_registry", "project-registry");
        try {
            assertThat(replica.asLeader(c -> "leading")).isEmpty();
            assertThat(otherService.asLeader(c -> "leading")).contains("leading");
        } finally {
            replica.close();
            otherService.close();
        }
    }

    private static RelayConnection connection(String schema, String service) {
        var config = ConfigProvider.getConfig();
        return new RelayConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class), schema, service);
    }
}
