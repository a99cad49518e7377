package org.jcm.registry.projectregistry.contract;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import org.jcm.registry.testsupport.PublishedContract;

/** The published contract of project-registry (platform module, {@code contract/project-registry/}), as tests on both sides read it. */
public final class ContractSchemas {

    private static final String SERVICE = "project-registry";

    private ContractSchemas() {}

    /** Why the data does not match the published schema of its event type; empty when it does. */
    public static Set<ValidationMessage> violations(String type, JsonNode data) {
        return PublishedContract.violations(SERVICE + "/schemas/" + type + ".json", data);
    }

    /** Asserts that a CloudEvent (structured JSON) is an event of the contract: envelope, and data valid against its type's schema. */
    public static JsonNode assertValidEvent(String cloudEvent) {
        return PublishedContract.assertValidEvent(SERVICE, cloudEvent);
    }

    public static String example(String type) {
        return PublishedContract.text(SERVICE + "/examples/" + type + ".json");
    }

    public static JsonNode read(String json) {
        return PublishedContract.json(json);
    }
}
