package org.jcm.registry.platform.json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The SHA-256 of a JSON value in one canonical form (object members sorted by name, no insignificant white space), so that
 * two documents that mean the same thing have the same digest however their members were ordered or spaced.
 */
public final class Canonical {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Canonical() {}

    public static byte[] sha256(JsonNode value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(sorted(value)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of several values at once (e.g. an event's type, subject and data). */
    public static byte[] sha256(JsonNode... values) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (JsonNode v : values) {
            all.add(v == null ? JsonNodeFactory.instance.nullNode() : v);
        }
        return sha256(all);
    }

    private static JsonNode sorted(JsonNode value) {
        if (value instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
            object.fields().forEachRemaining(members::add);
            members.sort(Map.Entry.comparingByKey());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            members.forEach(m -> out.set(m.getKey(), sorted(m.getValue())));
            return out;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return value == null ? JsonNodeFactory.instance.nullNode() : value;
    }
}
