package org.jcm.registry.countryonboarding.contract;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import org.jcm.registry.testsupport.PublishedContract;

/** The published contract of country-onboarding (platform module, {@code contract/country-onboarding/}), as tests read it. */
public final class Contract {

    private static final String ROOT = "country-onboarding/";

    private Contract() {}

    /** A golden example message, a complete CloudEvent, as its JSON text. */
    public static String example(String type) {
        return PublishedContract.text(ROOT + "examples/" + type + ".json");
    }

    public static JsonNode exampleJson(String type) {
        return json(example(type));
    }

    /** Why the data does not match the published schema of its event type; empty when it does. */
    public static Set<ValidationMessage> violations(String type, JsonNode data) {
        return PublishedContract.violations(ROOT + "schemas/" + type + ".json", data);
    }

    /** Why the data of an answer to a partner does not match the shared partner contract's schema; empty when it does. */
    public static Set<ValidationMessage> answerViolations(JsonNode data) {
        return PublishedContract.violations("partner/schemas/PartnerEventAnswered.json", data);
    }

    public static JsonNode json(String text) {
        return PublishedContract.json(text);
    }
}
