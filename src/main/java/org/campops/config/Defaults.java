package org.campops.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.campops.config.Checks.Default;
import org.campops.config.Checks.Required;

/**
 * The defaults of the config records, taken from their keys' {@link Default} annotations: the binder fills every
 * left-out key in (a copy of) the file's tree before binding, so a default is read and checked like a written value,
 * and {@link #of} gives a record as an empty mapping would (the {@code defaults()} of the settings records).
 */
final class Defaults {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Class<?>, Object> EMPTY = new ConcurrentHashMap<>();

    private Defaults() {}

    /** {@code type} with every key at its default. */
    static <T> T of(Class<T> type) {
        Object cached = EMPTY.get(type);
        if (cached == null) {
            YamlSource empty = YamlSource.of(NODES.objectNode());
            Problems problems = new Problems(empty);
            cached = Binder.bind(empty, type, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        type.getSimpleName() + " has keys without a usable default: " + problems.messages());
            }
            EMPTY.putIfAbsent(type, cached);
        }
        return type.cast(Objects.requireNonNull(cached, "defaults bound without problems"));
    }

    /** A copy of {@code root} (a mapping of {@code type}) with every left-out or blank key at its default. */
    static JsonNode fill(JsonNode root, Class<?> type) {
        ObjectNode copy = (ObjectNode) root.deepCopy();
        fillMapping(copy, type);
        return copy;
    }

    /**
     * The keys of {@code type} a file may hold beside its record's own: read by the loader into a record of their
     * own (a program file's name, channel names), declared on the record with {@link JsonIgnoreProperties}.
     */
    static Set<String> fileOnly(Class<?> type) {
        JsonIgnoreProperties ignored = type == null ? null : type.getAnnotation(JsonIgnoreProperties.class);
        return ignored == null ? Set.of() : Set.of(ignored.value());
    }

    /** The keys a mapping of {@code type} may hold, in order (keys of the file only first). */
    static Collection<String> keys(Class<?> type) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> own = new LinkedHashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            own.add(key(type, c));
        }
        fileOnly(type).stream().filter(k -> !own.contains(k)).sorted().forEach(keys::add);
        keys.addAll(own);
        return keys;
    }

    /** The key of a record component in the file: its name, or the name its {@link JsonProperty} gives. */
    static String key(Class<?> type, RecordComponent c) {
        JsonProperty named = field(type, c.getName()).getAnnotation(JsonProperty.class);
        return named == null || named.value().isEmpty() ? c.getName() : named.value();
    }

    static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(type + " has no component " + name, e);
        }
    }

    private static void fillMapping(ObjectNode mapping, Class<?> type) {
        Set<String> fileOnly = fileOnly(type);
        for (RecordComponent c : type.getRecordComponents()) {
            String key = key(type, c);
            if (fileOnly.contains(key)) {
                continue;
            }
            Field f = field(type, c.getName());
            Default d = f.getAnnotation(Default.class);
            JsonNode v = mapping.get(key);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                if (d != null) {
                    mapping.set(key, value(c.getType(), d.value()));
                } else if (c.getType().isRecord() && f.getAnnotation(Required.class) == null) {
                    mapping.set(key, NODES.objectNode());
                }
            }
            fill(mapping.get(key), c.getGenericType());
        }
    }

    /** Goes into mappings and lists of mappings (a value of another shape is for the binder to report). */
    private static void fill(JsonNode v, Type type) {
        if (v == null) {
            return;
        }
        if (type instanceof Class<?> r && r.isRecord() && v.isObject()) {
            fillMapping((ObjectNode) v, r);
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class && v.isArray()) {
            for (JsonNode item : v) {
                fill(item, p.getActualTypeArguments()[0]);
            }
        }
    }

    /** A default as the file would write it: a list, true/false, a whole number, or text. */
    private static JsonNode value(Class<?> type, String[] texts) {
        if (List.class.isAssignableFrom(type)) {
            ArrayNode list = NODES.arrayNode();
            for (String t : texts) {
                list.add(t);
            }
            return list;
        }
        if (texts.length != 1) {
            throw new IllegalArgumentException("one default expected for a " + type.getSimpleName());
        }
        String t = texts[0];
        if (type == boolean.class || type == Boolean.class) {
            return NODES.booleanNode(Boolean.parseBoolean(t));
        }
        return type == int.class || type == Integer.class ? NODES.numberNode(Integer.parseInt(t)) : NODES.textNode(t);
    }
}
