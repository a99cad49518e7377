package org.jcm.registry.projectregistry.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jcm.registry.contract.EventTypes;
import org.jcm.registry.contract.partner.PartnerEventTypes;
import org.jcm.registry.contract.partner.ProjectPartnerEvent;
import org.jcm.registry.contract.project.MethodologyEvent;
import org.jcm.registry.contract.project.ProjectEvent;
import org.junit.jupiter.api.Test;

/** Each event type of the contract has a schema and a golden example that matches it and binds to the type's record. */
class GoldenExamplesTest {

    private static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyEventTypeHasAValidGoldenExampleThatBindsToItsRecord() throws Exception {
        Map<String, Class<?>> types = new TreeMap<>();
        types.putAll(EventTypes.of(ProjectEvent.class));
        types.putAll(EventTypes.of(MethodologyEvent.class));
        types.putAll(EventTypes.of(ProjectPartnerEvent.class));
        assertThat(types).hasSize(18);
        for (Map.Entry<String, Class<?>> type : types.entrySet()) {
            JsonNode event = ContractSchemas.assertValidEvent(ContractSchemas.example(type.getKey()));
            assertThat(event.path("type").asText()).isEqualTo(type.getKey());
            assertThat(STRICT.treeToValue(event.path("data"), type.getValue())).as(type.getKey()).isNotNull();
        }
    }

    @Test
    void thePartnerTypesProjectRegistryAppliesAreItsOwnInTheCatalogue() {
        assertThat(PartnerEventTypes.ownerOf("ProjectNoObjectionNotified")).contains(PartnerEventTypes.PROJECT_REGISTRY);
        assertThat(PartnerEventTypes.ownerOf("ProjectRegistrationNotified")).contains(PartnerEventTypes.PROJECT_REGISTRY);
    }

    @Test
    void schemasRefuseWhatBreaksTheContract() {
        JsonNode event = ContractSchemas.read(ContractSchemas.example("ReductionsVerified"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("data")).put("hostCountry", "mongolia");
        assertThat(ContractSchemas.violations("ReductionsVerified", event.path("data"))).isNotEmpty();
        JsonNode partner = ContractSchemas.read(ContractSchemas.example("ProjectNoObjectionNotified"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) partner.path("data")).remove("country");
        assertThat(ContractSchemas.violations("ProjectNoObjectionNotified", partner.path("data"))).isNotEmpty();
    }
}
