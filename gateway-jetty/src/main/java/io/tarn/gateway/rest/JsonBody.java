package io.tarn.gateway.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON request body, checked as lakeFS's request validator checks it: a body that is not a JSON
 * object, a required property that is missing, or a property of the wrong type is a 400 naming the
 * property. Properties the schema does not know are ignored.
 */
final class JsonBody {
    /** lakeFS's request bodies are small documents; anything larger is refused rather than buffered. */
    static final int MAX_BYTES = 1 << 20;

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** @param optional whether an empty body stands for an empty object (lakeFS's optional request bodies) */
    static JsonBody parse(InputStream in, boolean optional) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw ApiError.badRequest("request body has an error: it is larger than " + MAX_BYTES + " bytes");
        }
        if (bytes.length == 0 && optional) {
            return new JsonBody(Json.object());
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("request body has an error: value is required but missing");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiError.badRequest("request body has an error: failed to decode request body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("request body has an error: expected a JSON object");
        }
        return new JsonBody((ObjectNode) node);
    }

    String requiredString(String name) {
        String value = string(name, null);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    String string(String name, String absent) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string");
        }
        return v.textValue();
    }

    boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return v.booleanValue();
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** An integer property, or {@code absent}. */
    long integer(String name, long absent) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw wrongType(name, "an integer");
        }
        return v.longValue();
    }

    long requiredInteger(String name) {
        if (!has(name)) {
            throw missing(name);
        }
        return integer(name, 0);
    }

    /** An object of string values (lakeFS's metadata maps), empty when absent. */
    Map<String, String> stringMap(String name) {
        JsonNode v = node.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object of strings");
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrongType(name + "/" + e.getKey(), "a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    List<String> requiredStrings(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw missing(name);
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(name, "an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A required array of objects. */
    List<JsonBody> requiredObjects(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw missing(name);
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of objects");
        }
        List<JsonBody> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw wrongType(name, "an array of objects");
            }
            out.add(new JsonBody((ObjectNode) item));
        }
        return out;
    }

    /** A nested object, or {@code null} when absent. */
    JsonBody object(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object");
        }
        return new JsonBody((ObjectNode) v);
    }

    private static ApiError missing(String name) {
        return ApiError.badRequest("request body has an error: property \"" + name + "\" is missing");
    }

    private static ApiError wrongType(String name, String expected) {
        return ApiError.badRequest("request body has an error: property \"" + name + "\" must be " + expected);
    }
}
