package org.campops.setup;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sets scalar values in YAML text and changes nothing else: comments, blank lines, quoting, order and every other key
 * stay byte for byte. The parser says where each value is (its character range); a value is replaced in place, a
 * missing key is added as a line after the last entry of its block mapping (with missing parents), indented like its
 * siblings. Values are written double-quoted. A value in a flow mapping ({@code {a: 1}}) is replaced but nothing is
 * added to one; such a file is refused with a message naming the key ({@link IllegalArgumentException}).
 */
final class YamlEdit {
    private static final YAMLFactory YAML = new YAMLFactory();

    /** A value's place in the text: a scalar's range, or a mapping's entries and where its last one ends. */
    private static final class Node {
        final JsonToken token;
        final int start;
        int end;
        /** Column of the mapping's keys (block mappings). */
        int keyColumn;

        boolean flow;
        final Map<String, Node> children = new LinkedHashMap<>();
        /** Where the key of this value starts (a value under a mapping). */
        int keyStart = -1;
        /** A scalar's value. */
        @Nullable
        String value;

        Node(JsonToken token, int start) {
            this.token = token;
            this.start = start;
            this.end = start;
        }
    }

    private String text;

    YamlEdit(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The scalar text at {@code path}, or null when it is missing, null or not a scalar. */
    @Nullable
    String get(List<String> path) {
        Node n = find(parse(), path);
        return n == null ? null : n.value;
    }

    /** The entries of the mapping at {@code path} whose values are scalars, in file order (empty when none). */
    Map<String, String> scalars(List<String> path) {
        Node n = find(parse(), path);
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.token == JsonToken.START_OBJECT) {
            for (Map.Entry<String, Node> e : n.children.entrySet()) {
                String value = e.getValue().value;
                if (value != null) {
                    out.put(e.getKey(), value);
                }
            }
        }
        return out;
    }

    /** Sets the scalar at {@code path} to {@code value} (written "quoted"); nothing changes when it holds it already. */
    void set(List<String> path, String value) {
        Node root = parse();
        String quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        Node parent = root;
        for (int i = 0; i < path.size(); i++) {
            Node child = parent.children.get(path.get(i));
            boolean last = i == path.size() - 1;
            if (child == null) {
                insert(parent, path.subList(0, i), path.subList(i, path.size()), quoted);
                return;
            }
            if (last) {
                if (!child.token.isScalarValue()) {
                    throw new IllegalArgumentException(
                            key(path) + " is not a single value; set it by hand to " + value);
                }
                if (value.equals(child.value)) {
                    return;
                }
                replace(child, quoted);
                return;
            }
            if (child.token == JsonToken.VALUE_NULL) {
                // "channels:" with nothing under it yet: the new entries go on the lines after it.
                insertUnder(child, column(child.keyStart) + 2, path.subList(i + 1, path.size()), quoted);
                return;
            }
            if (child.token != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(
                        key(path.subList(0, i + 1)) + " is not a mapping; set " + key(path) + " by hand to " + value);
            }
            parent = child;
        }
    }

    private void replace(Node scalar, String quoted) {
        String before = text.substring(0, scalar.start);
        String glue = scalar.start == scalar.end && !before.endsWith(" ") ? " " : "";
        text = before + glue + quoted + text.substring(scalar.end);
    }

    private void insert(Node mapping, List<String> at, List<String> rest, String quoted) {
        if (mapping.flow) {
            throw new IllegalArgumentException((at.isEmpty() ? "the file" : key(at))
                    + " is written {in: one line}; set " + key(concat(at, rest)) + " by hand to " + quoted);
        }
        if (mapping.children.isEmpty()) {
            // An empty document: the new lines start it.
            text = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + lines(0, rest, quoted);
            return;
        }
        int at0 = endOfLine(mapping.end);
        // Comment lines indented deeper than the keys continue the last entry's comment: the new key goes after them.
        while (at0 < text.length()) {
            int next = text.indexOf('\n', at0);
            String line = text.substring(at0, next < 0 ? text.length() : next);
            String stripped = line.stripLeading();
            if (!stripped.startsWith("#") || line.length() - stripped.length() <= mapping.keyColumn) {
                break;
            }
            at0 = endOfLine(at0);
        }
        text = text.substring(0, at0) + lines(mapping.keyColumn, rest, quoted) + text.substring(at0);
    }

    private void insertUnder(Node nullValue, int indent, List<String> rest, String quoted) {
        int lineEnd = endOfLine(nullValue.end);
        text = text.substring(0, lineEnd) + lines(indent, rest, quoted) + text.substring(lineEnd);
    }

    /** Where the line holding {@code offset} ends, past its newline (one is added when the file has none). */
    private int endOfLine(int offset) {
        int nl = text.indexOf('\n', offset);
        if (nl < 0) {
            text = text + "\n";
            return text.length();
        }
        return nl + 1;
    }

    /** {@code a:\n  b:\n    c: "v"\n} at {@code indent}, two more spaces per level. */
    private static String lines(int indent, List<String> keys, String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            out.append(" ".repeat(indent + 2 * i)).append(yamlKey(keys.get(i))).append(':');
            out.append(i == keys.size() - 1 ? " " + quoted + "\n" : "\n");
        }
        return out.toString();
    }

    private static String yamlKey(String key) {
        return key.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    private int column(int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1);
    }

    private static @Nullable Node find(Node root, List<String> path) {
        Node n = root;
        for (String k : path) {
            n = n.children.get(k);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private Node parse() {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                Node empty = new Node(JsonToken.START_OBJECT, 0);
                empty.keyColumn = 0;
                return empty;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the file is not a mapping of keys");
            }
            return read(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("the file is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Reads the value at the parser's current token (its end is the end of the last thing in it). */
    private Node read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int start = offset(p.currentTokenLocation());
        Node n = new Node(t, start);
        if (t.isScalarValue()) {
            n.end = offset(p.currentLocation());
            n.value = t == JsonToken.VALUE_NULL ? null : p.getText();
            return n;
        }
        n.flow = start < text.length() && (text.charAt(start) == '{' || text.charAt(start) == '[');
        n.keyColumn = column(start);
        if (t == JsonToken.START_ARRAY) {
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                n.end = Math.max(n.end, read(p).end);
            }
            return n;
        }
        for (JsonToken e = p.nextToken(); e == JsonToken.FIELD_NAME; e = p.nextToken()) {
            String name = p.currentName();
            int keyStart = offset(p.currentTokenLocation());
            p.nextToken();
            Node child = read(p);
            child.keyStart = keyStart;
            n.children.put(name, child);
            n.end = Math.max(n.end, child.end);
        }
        return n;
    }

    private static int offset(JsonLocation l) {
        return (int) l.getCharOffset();
    }

    private static String key(List<String> path) {
        return String.join(".", path);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
