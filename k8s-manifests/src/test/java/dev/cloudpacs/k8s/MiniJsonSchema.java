package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The part of a CRD's OpenAPI v3 schema (structural schema, as the API server applies it) that the
 * vendored CRD schemas use: {@code type}, {@code properties}, {@code required}, {@code
 * additionalProperties} (false or a schema), {@code items}, {@code enum}, {@code minimum}, {@code
 * pattern} and {@code x-kubernetes-int-or-string}. Unlike the API server, which prunes unknown fields
 * silently, an unknown field here is an error: a misspelt field would otherwise just vanish.
 */
final class MiniJsonSchema {
    private static final Map<String, MiniJsonSchema> CACHE = new ConcurrentHashMap<>();
    private final JsonNode root;

    private MiniJsonSchema(JsonNode root) {
        this.root = root;
    }

    static MiniJsonSchema load(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = MiniJsonSchema.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + r);
                }
                return new MiniJsonSchema(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void validate(JsonNode value, String path, List<String> problems) {
        check(root, value, path, problems);
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + ": must be an integer or a string");
            } else if (value.isTextual() && schema.has("pattern")
                    && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                problems.add(path + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
            }
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("type")) {
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": must be an object");
                    return;
                }
                for (JsonNode r : schema.path("required")) {
                    if (!value.has(r.asText())) {
                        problems.add(path + "." + r.asText() + ": required field missing");
                    }
                }
                JsonNode props = schema.path("properties");
                JsonNode additional = schema.get("additionalProperties");
                boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
                for (var e : value.properties()) {
                    String p = path + "." + e.getKey();
                    if (props.has(e.getKey())) {
                        check(props.get(e.getKey()), e.getValue(), p, problems);
                    } else if (additional != null && additional.isObject()) {
                        check(additional, e.getValue(), p, problems);
                    } else if (!preserve) {
                        problems.add(p + ": unknown field");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": must be an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": must be a string");
                } else if (schema.has("pattern")
                        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                    problems.add(path + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": must be an integer");
                } else if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
                    problems.add(path + ": must be >= " + schema.get("minimum").asLong());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": must be a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": must be a boolean");
                }
            }
            default -> problems.add(path + ": schema without a supported type");
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
    }
}
