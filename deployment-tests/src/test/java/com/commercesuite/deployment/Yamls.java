package com.commercesuite.deployment;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reading parsed YAML (maps, lists, scalars) without a cast at every step. */
final class Yamls {

    private Yamls() {
    }

    static Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(options));
    }

    /** Every document of a multi-document stream, skipping empty ones. */
    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : parser().loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Map<String, Object> load(String text) {
        Object document = parser().load(text);
        return document == null ? Map.of() : map(document);
    }

    /** The value at a path of map keys, or null where the path ends early. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? Map.of() : map(value);
    }

    static List<Object> listAt(Object node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException("not a list at " + String.join(".", path) + ": " + value);
        }
        return List.copyOf(list.stream().map(Objects::requireNonNull).toList());
    }

    static String stringAt(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
