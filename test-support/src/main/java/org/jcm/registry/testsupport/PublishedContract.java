package org.jcm.registry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The published contract (platform module, {@code contract/}) as tests read it from the class path: its files, what a
 * JSON document breaks of one of its JSON Schemas (draft 2020-12, formats asserted), and whether a CloudEvent a
 * service published is an event of it.
 */
public final class PublishedContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private PublishedContract() {}

    /** The text of {@code contract/{path}}, e.g. {@code country-onboarding/examples/PartnerCountryActivated.json}. */
    public static String text(String path) {
        String resource = "contract/" + path;
        InputStream found = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (found == null) {
            found = PublishedContract.class.getClassLoader().getResourceAsStream(resource);
        }
        if (found == null) {
            throw new IllegalStateException("no " + resource + " on the class path (is jcm-platform installed?)");
        }
        try (InputStream in = found) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code document} does not match the schema {@code contract/{schemaPath}}; empty when it does. */
    public static Set<ValidationMessage> violations(String schemaPath, JsonNode document) {
        return SCHEMAS.computeIfAbsent(schemaPath, p -> FACTORY.getSchema(json(text(p)), CONFIG)).validate(document);
    }

    /**
     * Asserts that a CloudEvent (structured JSON) a service published is an event of {@code service}'s contract: its
     * envelope valid against {@code common/cloudevent.json}, its {@code dataschema} its type's, its data valid against
     * {@code {service}/schemas/{type}.json}. Returns it, read.
     */
    public static JsonNode assertValidEvent(String service, String cloudEvent) {
        JsonNode event = json(cloudEvent);
        assertThat(violations("common/cloudevent.json", event)).as("envelope of %s", cloudEvent).isEmpty();
        String type = event.path("type").asText();
        assertThat(event.path("dataschema").asText()).isEqualTo("urn:jcm:schema:" + type + ":v1");
        assertThat(violations(service + "/schemas/" + type + ".json", event.path("data"))).as("%s against its schema", type).isEmpty();
        return event;
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
