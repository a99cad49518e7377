package org.jcm.registry.countryonboarding.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The published contract of country-onboarding (platform module, {@code contract/country-onboarding/}), as tests read it. */
public final class Contract {

    private static final String ROOT = "contract/country-onboarding/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private Contract() {}

    /** A golden example message, a complete CloudEvent, as its JSON text. */
    public static String example(String type) {
        return text(ROOT + "examples/" + type + ".json");
    }

    public static JsonNode exampleJson(String type) {
        return json(example(type));
    }

    /** Why the data does not match the published schema of its event type; empty when it does. */
    public static Set<ValidationMessage> violations(String type, JsonNode data) {
        JsonSchema schema = FACTORY.getSchema(json(text(ROOT + "schemas/" + type + ".json")));
        return schema.validate(data);
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String resource) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
