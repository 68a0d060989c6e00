package dev.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds a {@link VigilConfig}: defaults, then an optional JSON file, then environment variables, then flags. An
 * environment variable names a field by its path, e.g. {@code VIGIL_RECOGNITION_ACCEPT=0.4} or
 * {@code VIGIL_SERVER_MAX_UPLOAD_BYTES}; {@code VIGIL_PORT}, {@code VIGIL_HOST}, {@code VIGIL_DATA}, {@code VIGIL_DB} and
 * {@code VIGIL_API_KEY} are short forms. Unknown keys in the file and unknown {@code VIGIL_SECTION_*} names are errors, so typos do not pass silently.
 */
public final class ConfigLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, String> SHORT_FORMS = Map.of(
            "VIGIL_PORT", "server.port", "VIGIL_HOST", "server.host", "VIGIL_DATA", "server.data",
            "VIGIL_DB", "database.url", "VIGIL_API_KEY", "access.apiKey");
    /** Variables that are not config fields (read elsewhere). */
    private static final java.util.Set<String> NOT_CONFIG = java.util.Set.of("VIGIL_MODELS", "VIGIL_CONFIG", "VIGIL_NODE_TOKEN");

    private ConfigLoader() {
    }

    /**
     * @param file      JSON config file, or null
     * @param env       environment (System.getenv() in production)
     * @param overrides dotted path → value from command-line flags (null values are ignored)
     */
    public static VigilConfig load(Path file, Map<String, String> env, Map<String, Object> overrides) {
        ObjectNode tree = JSON.valueToTree(VigilConfig.defaults());
        if (file != null) {
            try {
                merge(tree, JSON.readTree(Files.readString(file)), "");
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("config file " + file + " is not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        for (var e : new java.util.TreeMap<>(env).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("VIGIL_") || NOT_CONFIG.contains(key)) continue;
            String path = SHORT_FORMS.getOrDefault(key, null);
            if (path == null) path = pathOf(tree, key);
            set(tree, path, e.getValue(), "environment variable " + key);
        }
        overrides.forEach((path, value) -> {
            if (value != null) set(tree, path, value.toString(), "option " + path);
        });
        try {
            return JSON.treeToValue(tree, VigilConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("invalid configuration: " + msg);
        }
    }

    /** VIGIL_SERVER_MAX_UPLOAD_BYTES → server.maxUploadBytes, by matching against the known field names. */
    private static String pathOf(ObjectNode tree, String envName) {
        String rest = envName.substring("VIGIL_".length());
        for (Iterator<String> sections = tree.fieldNames(); sections.hasNext(); ) {
            String section = sections.next();
            if (!rest.startsWith(section.toUpperCase() + "_")) continue;
            String field = rest.substring(section.length() + 1);
            for (Iterator<String> fields = tree.get(section).fieldNames(); fields.hasNext(); ) {
                String f = fields.next();
                if (f.replaceAll("([A-Z])", "_$1").toUpperCase().equals(field)) return section + "." + f;
            }
            throw new IllegalArgumentException("unknown environment variable " + envName + ": " + section
                    + " has no such field");
        }
        return null; // VIGIL_* variables of other sections are not ours to judge (e.g. VIGIL_MODELS)
    }

    private static void set(ObjectNode tree, String path, String value, String source) {
        if (path == null) return;
        String[] parts = path.split("\\.");
        JsonNode section = tree.get(parts[0]);
        if (!(section instanceof ObjectNode obj) || parts.length != 2 || !obj.has(parts[1])) {
            throw new IllegalArgumentException("unknown setting " + path + " (from " + source + ")");
        }
        obj.set(parts[1], TextNode.valueOf(value));
    }

    private static void merge(ObjectNode target, JsonNode source, String prefix) {
        if (!source.isObject()) throw new IllegalArgumentException("config file must hold a JSON object");
        for (var it = source.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = prefix + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (existing == null) throw new IllegalArgumentException("unknown setting " + name + " in config file");
            if (existing.isObject()) merge((ObjectNode) existing, e.getValue(), name + ".");
            else target.set(e.getKey(), e.getValue());
        }
    }
}
