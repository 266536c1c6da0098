package org.campops.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A config file read into a tree, remembering where each key and list item is: its line (when read from text)
 * and its place in document order. Paths are written {@code qa.escalateAfter}, {@code stages[2].end}.
 */
final class YamlSource {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final @Nullable String file;
    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private @Nullable JsonNode root;

    private YamlSource(@Nullable String file) {
        this.file = file;
    }

    /** Reads {@code path}; a missing file is a problem that says how to get one ({@code hint}). */
    static YamlSource read(Path path, String hint) throws ConfigException {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(List.of(path + ": file not found (" + hint + ")"));
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": cannot read: " + e.getMessage()));
        }
        return parse(text, path.getFileName().toString());
    }

    /** Parses YAML text; {@code file} names it in messages. An empty document is an empty mapping. */
    static YamlSource parse(String text, String file) throws ConfigException {
        YamlSource s = new YamlSource(file);
        try (JsonParser p = YAML.createParser(text)) {
            s.root = p.nextToken() == null ? NODES.objectNode() : s.read(p, "");
            return s;
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " line " + j.getLocation().getLineNr()
                    : "";
            throw new ConfigException(List.of(file + where + ": not valid YAML: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    /** A tree built elsewhere (tests edit the example file this way): no file name, no lines. */
    static YamlSource of(@Nullable JsonNode root) {
        YamlSource s = new YamlSource(null);
        s.root = root;
        if (root != null) {
            s.walk(root, "");
        }
        return s;
    }

    /** The file name for messages; null for a tree given by a caller. */
    @Nullable
    String file() {
        return file;
    }

    /** The parsed document; null or a non-mapping when the file is not a mapping. */
    @Nullable
    JsonNode root() {
        return root;
    }

    /** The line of {@code path}, else of its nearest enclosing key or item (a missing key: its mapping). */
    @Nullable
    Integer line(String path) {
        return nearest(lines, path);
    }

    /** Where {@code path} (or its nearest enclosing key) comes in the document, for listing problems in order. */
    int position(String path) {
        Integer p = nearest(order, path);
        return p == null ? -1 : p;
    }

    private static @Nullable Integer nearest(Map<String, Integer> places, String path) {
        for (String p = path; ; p = parent(p)) {
            Integer v = places.get(p);
            if (v != null || p.isEmpty()) {
                return v;
            }
        }
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void place(String path, int line) {
        if (line > 0 && !path.isEmpty()) {
            lines.putIfAbsent(path, line);
        }
        order.putIfAbsent(path, order.size());
    }

    private JsonNode read(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        place(path, p.currentTokenLocation().getLineNr());
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String child = child(path, p.currentName());
                    place(child, p.currentTokenLocation().getLineNr());
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p, child));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, path + "[" + a.size() + "]"));
                }
                return a;
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NUMBER_INT -> {
                BigInteger n = p.getBigIntegerValue();
                return n.bitLength() < Integer.SIZE ? NODES.numberNode(n.intValue()) : NODES.numberNode(n);
            }
            default -> {
                // text, and numbers with a fraction kept as written
                return NODES.textNode(p.getText());
            }
        }
    }

    private void walk(JsonNode n, String path) {
        place(path, 0);
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), child(path, e.getKey()));
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), path + "[" + i + "]");
            }
        }
    }
}
