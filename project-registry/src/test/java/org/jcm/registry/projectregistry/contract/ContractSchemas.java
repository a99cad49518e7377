package org.jcm.registry.projectregistry.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/** The published contract of project-registry (platform module, {@code contract/project-registry/}), as tests on both sides read it. */
public final class ContractSchemas {

    public static final String ROOT = "contract/project-registry/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    public static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = resource(ROOT + "schemas/" + t + ".json")) {
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Asserts that a CloudEvent (structured JSON) is an event of the contract: envelope attributes, and data valid against its type's schema. */
    public static JsonNode assertValidEvent(String cloudEvent) {
        JsonNode event = read(cloudEvent);
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        for (String attribute : new String[]{"id", "source", "type", "subject", "time", "dataschema"}) {
            assertThat(event.path(attribute).asText()).as(attribute).isNotBlank();
        }
        String type = event.path("type").asText();
        assertThat(event.path("dataschema").asText()).isEqualTo("urn:jcm:schema:" + type + ":v1");
        Set<ValidationMessage> errors = schema(type).validate(event.path("data"));
        assertThat(errors).as("%s against its schema", type).isEmpty();
        return event;
    }

    public static String example(String type) {
        try (InputStream in = resource(ROOT + "examples/" + type + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = ContractSchemas.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("No contract resource " + path + " on the class path (is jcm-platform installed?)");
        }
        return in;
    }
}
