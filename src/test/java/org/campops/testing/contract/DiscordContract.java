package org.campops.testing.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Contract checker for tests: validates the JSON body of a REST request the bot sent (to a fake Discord)
 * against Discord's own OpenAPI 3.1 description (discord/discord-api-spec, {@code specs/openapi.json}).
 *
 * <p>The spec is read from disk, never copied into the project. Lookup order: system property
 * {@value #SPEC_PROPERTY}, environment variable {@value #SPEC_ENV}, then {@value #DEFAULT_RELATIVE_PATH}
 * relative to the working directory (Maven's surefire runs tests with the project directory as working
 * directory, and the shared spec folder sits beside the project).
 *
 * <p>Validation uses JSON Schema 2020-12 semantics (networknt json-schema-validator with the OpenAPI 3.1
 * dialect); {@code $ref}s such as {@code #/components/schemas/...} are resolved inside the whole spec document.
 * Compiled per-operation schemas are cached.
 *
 * <p>Two deliberate relaxations, see {@link #coerceNumericStrings}: a numeric string is accepted where the
 * schema only allows an integer, and a non-negative integer where the schema asks for a snowflake string
 * (Discord accepts both; JDA sends both).
 */
public final class DiscordContract {

    public static final String SPEC_PROPERTY = "campops.discordSpec";
    public static final String SPEC_ENV = "DISCORD_API_SPEC";
    public static final String DEFAULT_RELATIVE_PATH = "../shared/discord-api-spec/openapi.json";

    /** Synthetic IRI under which the spec document is registered with the validator (never fetched). */
    private static final String SPEC_IRI = "https://campops.invalid/discord-api-spec/openapi.json";

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern API_PREFIX = Pattern.compile("^/api(/v\\d+)?(?=/|$)");
    /** Canonical JSON integer written as a string: no leading zeros, no '+', no exponent, no fraction. */
    private static final Pattern INTEGER_STRING = Pattern.compile("-?(0|[1-9][0-9]*)");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Object LOCK = new Object();
    private static volatile Optional<DiscordContract> instance;
    private static volatile Path lastLookedAt;

    private final JsonNode spec;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final List<Template> templates;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    private DiscordContract(String specText) throws JsonProcessingException {
        this.spec = MAPPER.readTree(specText);
        this.templates = parseTemplates(spec.path("paths"));
        // OpenAPI 3.1 schemas use the OAS base dialect: JSON Schema 2020-12 plus annotation-only OAS keywords.
        // The document root ("openapi", "paths", ...) and Discord's "x-discord-*" extensions are not schema
        // keywords; treat every unknown keyword as a plain annotation instead of logging a warning for each.
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
        // The document is handed to the validator from memory under a synthetic IRI; nothing is fetched.
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(dialect)
                        .defaultMetaSchemaIri(dialect.getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(SPEC_IRI, specText))));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // 2020-12 treats "format" as an annotation by default; we want "date-time" etc. asserted
                // (Discord rejects a malformed scheduled_start_time). Unknown formats ("snowflake", "nonce")
                // are ignored by the validator; snowflakes are checked by SnowflakeType's "pattern" anyway.
                .formatAssertionsEnabled(true)
                .locale(Locale.ROOT)
                .build();
    }

    // ------------------------------------------------------------------------------------------ loading

    /** Loads the spec (once per JVM); returns {@link Optional#empty()} when the file is absent. */
    public static Optional<DiscordContract> load() {
        Optional<DiscordContract> loaded = instance;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (instance == null) {
                Path file = locateSpec();
                lastLookedAt = file;
                if (!Files.isRegularFile(file)) {
                    instance = Optional.empty();
                } else {
                    try {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        instance = Optional.of(new DiscordContract(text));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read Discord OpenAPI spec " + file, e);
                    }
                }
            }
            return instance;
        }
    }

    /** Aborts the calling test (JUnit assumption) when the spec file is not available. */
    public static void assumeSpecPresent() {
        if (load().isEmpty()) {
            Assumptions.abort("Discord openapi.json not found at "
                    + lastLookedAt.toAbsolutePath().normalize() + " (set -D" + SPEC_PROPERTY + " or " + SPEC_ENV
                    + "); contract checks skipped");
        }
    }

    private static Path locateSpec() {
        String prop = System.getProperty(SPEC_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop.trim());
        }
        String env = System.getenv(SPEC_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim());
        }
        return Path.of(DEFAULT_RELATIVE_PATH);
    }

    // --------------------------------------------------------------------------------------- validation

    /**
     * Validation problems of one request body; empty when it conforms.
     *
     * @param method   HTTP method as sent ("POST", "PUT", "PATCH", ...)
     * @param path     path as sent, e.g. {@code /api/v10/interactions/123/tok-en/callback?with_response=true};
     *                 the {@code /api/vN} prefix and the query string are stripped
     * @param jsonBody the JSON body (for multipart requests: the {@code payload_json} part); may be null/blank
     */
    public List<String> violations(String method, String path, String jsonBody) {
        String m = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
        String p = normalizePath(path);
        String where = m.toUpperCase(Locale.ROOT) + " " + p;

        Template template = resolve(p);
        if (template == null) {
            return List.of(where + ": no such path in Discord's OpenAPI spec");
        }
        JsonNode op = template.item.get(m);
        if (!HTTP_METHODS.contains(m) || op == null || !op.isObject()) {
            return List.of(where + ": spec has no " + m.toUpperCase(Locale.ROOT) + " operation for " + template.raw
                    + " (has " + template.methods() + ")");
        }
        Operation operation = operations.computeIfAbsent(m + " " + template.raw, k -> compile(template, m, op));

        boolean blank = jsonBody == null || jsonBody.isBlank();
        if (operation.schema == null) {
            return blank ? List.of() : List.of(where + ": operation " + operation.id + " takes no JSON request body");
        }
        if (blank) {
            return operation.bodyRequired
                    ? List.of(where + ": request body is required (" + operation.id + ")")
                    : List.of();
        }
        return validate(operation, where, jsonBody);
    }

    /**
     * Validates a body against one named schema of {@code #/components/schemas}, e.g. to pin the variant of a
     * loose union: {@code POST /channels/{id}/threads} is {@code anyOf[CreateForumThreadRequest,
     * CreateTextThreadWithoutMessageRequest]}, and the latter accepts any object with a "name", so a forum post
     * with a broken "message" still passes {@link #violations}. Same relaxations and messages as there.
     */
    public List<String> violationsAgainstSchema(String componentSchemaName, String jsonBody) {
        JsonNode raw = spec.path("components").path("schemas").get(componentSchemaName);
        if (raw == null) {
            return List.of(
                    "#/components/schemas/" + componentSchemaName + ": no such schema in Discord's OpenAPI spec");
        }
        Operation operation = operations.computeIfAbsent("schema " + componentSchemaName, k -> {
            String pointer = "/components/schemas/" + escape(componentSchemaName);
            JsonSchema schema = factory.getSchema(SchemaLocation.of(SPEC_IRI + "#" + encodeFragment(pointer)), config);
            schema.initializeValidators();
            return new Operation(componentSchemaName, raw, schema, true, Set.of());
        });
        if (jsonBody == null || jsonBody.isBlank()) {
            return List.of(componentSchemaName + ": body is empty");
        }
        return validate(operation, componentSchemaName, jsonBody);
    }

    /** The spec path template a request path resolves to, e.g. {@code /channels/{channel_id}/messages}. */
    public Optional<String> template(String path) {
        return Optional.ofNullable(resolve(normalizePath(path))).map(t -> t.raw);
    }

    private List<String> validate(Operation operation, String where, String jsonBody) {
        JsonNode body;
        try {
            body = MAPPER.readTree(jsonBody);
        } catch (JsonProcessingException e) {
            return List.of(where + ": body is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode coerced = coerceNumericStrings(body, expand(List.of(operation.rawSchema)));
        Set<ValidationMessage> messages = operation.schema.validate(coerced);
        return describe(messages, operation, coerced);
    }

    // ---------------------------------------------------------------------------------- path resolution

    private static String normalizePath(String path) {
        String p = path == null ? "" : path.trim();
        int cut = indexOfAny(p, '?', '#');
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        if (p.startsWith("http://") || p.startsWith("https://")) {
            int slash = p.indexOf('/', p.indexOf("//") + 2);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        p = API_PREFIX.matcher(p).replaceFirst("");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
    }

    /** Literal segments must match exactly, {x} matches one non-empty segment; most literal segments wins. */
    private Template resolve(String path) {
        String[] segments = splitPath(path);
        Template best = null;
        for (Template t : templates) {
            if (t.matches(segments) && (best == null || t.literalCount > best.literalCount)) {
                best = t;
            }
        }
        return best;
    }

    private static String[] splitPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static List<Template> parseTemplates(JsonNode paths) {
        List<Template> list = new ArrayList<>();
        paths.fields().forEachRemaining(e -> list.add(new Template(e.getKey(), e.getValue())));
        return List.copyOf(list);
    }

    private static final class Template {
        final String raw;
        final JsonNode item;
        final String[] segments;
        final boolean[] variable;
        final int literalCount;

        Template(String raw, JsonNode item) {
            this.raw = raw;
            this.item = item;
            this.segments = splitPath(raw);
            this.variable = new boolean[segments.length];
            int literals = 0;
            for (int i = 0; i < segments.length; i++) {
                variable[i] = segments[i].startsWith("{") && segments[i].endsWith("}");
                if (!variable[i]) {
                    literals++;
                }
            }
            this.literalCount = literals;
        }

        boolean matches(String[] actual) {
            if (actual.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (variable[i] ? actual[i].isEmpty() : !segments[i].equals(actual[i])) {
                    return false;
                }
            }
            return true;
        }

        String methods() {
            List<String> ms = new ArrayList<>();
            item.fieldNames().forEachRemaining(n -> {
                if (HTTP_METHODS.contains(n)) {
                    ms.add(n.toUpperCase(Locale.ROOT));
                }
            });
            return ms.isEmpty() ? "none" : String.join(", ", ms);
        }
    }

    // -------------------------------------------------------------------------------- schema compilation

    private static final class Operation {
        final String id;
        final JsonNode rawSchema; // null when the operation has no usable request body
        final JsonSchema schema; // compiled, cached
        final boolean bodyRequired;
        /** Multipart-only operations: binary file parts are never inside payload_json. */
        final Set<String> binaryParts;

        Operation(String id, JsonNode rawSchema, JsonSchema schema, boolean bodyRequired, Set<String> binaryParts) {
            this.id = id;
            this.rawSchema = rawSchema;
            this.schema = schema;
            this.bodyRequired = bodyRequired;
            this.binaryParts = binaryParts;
        }
    }

    private Operation compile(Template template, String method, JsonNode op) {
        String id = op.path("operationId").asText(method.toUpperCase(Locale.ROOT) + " " + template.raw);
        JsonNode requestBody = op.get("requestBody");
        if (requestBody != null && requestBody.has("$ref")) {
            requestBody = resolveRef(requestBody.get("$ref").asText());
        }
        if (requestBody == null || !requestBody.path("content").isObject()) {
            return new Operation(id, null, null, false, Set.of());
        }
        JsonNode content = requestBody.get("content");
        // Prefer the JSON media type: multipart requests carry the JSON document as payload_json, and where an
        // operation accepts both, the multipart schema is the JSON one plus optional files[n] parts. For
        // multipart-only operations we fall back to the multipart schema and ignore missing binary parts
        // (files are never inside payload_json).
        String mediaType = content.has("application/json")
                ? "application/json"
                : content.has("multipart/form-data")
                        ? "multipart/form-data"
                        : content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        if (mediaType == null || !content.get(mediaType).has("schema")) {
            return new Operation(id, null, null, false, Set.of());
        }
        JsonNode raw = content.get(mediaType).get("schema");
        Set<String> binaryParts = mediaType.equals("application/json") ? Set.of() : binaryProperties(raw);
        String pointer = "/paths/" + escape(template.raw) + "/" + method + "/requestBody/content/" + escape(mediaType)
                + "/schema";
        if (op.get("requestBody").has("$ref")) {
            String ref = op.get("requestBody").get("$ref").asText();
            pointer = ref.substring(1) + "/content/" + escape(mediaType) + "/schema";
        }
        JsonSchema schema = factory.getSchema(SchemaLocation.of(SPEC_IRI + "#" + encodeFragment(pointer)), config);
        schema.initializeValidators(); // resolve $refs now, so the compiled schema is fully cached
        return new Operation(id, raw, schema, requestBody.path("required").asBoolean(false), binaryParts);
    }

    private Set<String> binaryProperties(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        for (JsonNode s : expand(List.of(schema))) {
            s.path("properties").fields().forEachRemaining(e -> {
                if ("binary".equals(e.getValue().path("contentEncoding").asText())) {
                    names.add(e.getKey());
                }
            });
        }
        return names;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Percent-encodes the characters a URI fragment may not contain (template braces, spaces, ...). */
    private static String encodeFragment(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
            sb.append(safe ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return sb.toString();
    }

    private JsonNode resolveRef(String ref) {
        if (!ref.startsWith("#")) {
            return null; // only document-local references exist in Discord's spec
        }
        JsonNode target = spec.at(URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8));
        return target.isMissingNode() ? null : target;
    }

    // ------------------------------------------------------------------------ numeric string relaxation

    /**
     * Returns a copy of {@code node} in which numeric strings are turned into JSON integers where the spec
     * expects an integer and never a string.
     *
     * <p>Why: Discord's spec is generated from its server-side types and declares some fields as integers that
     * the API also accepts as numeric strings; JDA relies on that (e.g. {@code contexts} and
     * {@code integration_types} are sent as {@code ["0","1"]}, {@code default_member_permissions} as
     * {@code "8"}). We do NOT switch on the validator's "type loose" mode, which would also accept numbers for
     * strings, "true" for booleans, single values for arrays, and still fail on {@code const}/{@code enum}
     * (the string "0" is not the integer 0). We also do not filter errors after the fact: inside
     * {@code oneOf}/{@code anyOf} a type error changes which branch matches, so filtering cannot be done
     * soundly.
     *
     * <p>How: the body is walked together with the set of schemas that may apply at each location (following
     * {@code $ref}, {@code allOf}, {@code anyOf}, {@code oneOf}; then {@code properties},
     * {@code patternProperties}, {@code additionalProperties}, {@code prefixItems}, {@code items}). A string
     * matching {@code -?(0|[1-9][0-9]*)} is replaced by the integer it denotes iff at least one applicable
     * schema allows {@code "integer"} and none allows a string (by {@code type}, {@code const} or
     * {@code enum}). The union over branches is conservative: a location where any branch takes a string is
     * left alone. The coerced document is then validated strictly, so bounds, enums and consts still apply.
     * Nothing else is relaxed.
     */
    private JsonNode coerceNumericStrings(JsonNode node, Set<JsonNode> schemas) {
        if (schemas.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (INTEGER_STRING.matcher(text).matches()
                    && schemas.stream().anyMatch(s -> allowsType(s, "integer"))
                    && schemas.stream().noneMatch(DiscordContract::allowsString)) {
                BigInteger value = new BigInteger(text);
                return value.bitLength() < 32
                        ? IntNode.valueOf(value.intValue())
                        : value.bitLength() < 64 ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
            }
            return node;
        }
        // The mirror case: Discord takes snowflakes as JSON integers too, and JDA sends some that way
        // (POST /users/@me/channels {"recipient_id": 123}). Only where the spec says "snowflake".
        if (node.isIntegralNumber()
                && node.canConvertToLong()
                && node.longValue() >= 0
                && schemas.stream()
                        .anyMatch(sc -> "snowflake".equals(sc.path("format").asText()))
                && schemas.stream().noneMatch(sc -> allowsType(sc, "integer"))) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(node.asText());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<JsonNode> children = new ArrayList<>();
                for (JsonNode s : schemas) {
                    children.addAll(propertySchemas(s, field.getKey()));
                }
                copy.set(field.getKey(), coerceNumericStrings(field.getValue(), expand(children)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                List<JsonNode> children = new ArrayList<>();
                for (JsonNode s : schemas) {
                    JsonNode prefix = s.path("prefixItems");
                    if (prefix.isArray() && i < prefix.size()) {
                        children.add(prefix.get(i));
                    } else if (s.has("items")) {
                        children.add(s.get("items"));
                    }
                }
                copy.add(coerceNumericStrings(node.get(i), expand(children)));
            }
            return copy;
        }
        return node;
    }

    private static List<JsonNode> propertySchemas(JsonNode schema, String name) {
        JsonNode declared = schema.path("properties").get(name);
        if (declared != null) {
            return List.of(declared);
        }
        List<JsonNode> out = new ArrayList<>();
        schema.path("patternProperties").fields().forEachRemaining(e -> {
            if (Pattern.compile(e.getKey()).matcher(name).find()) {
                out.add(e.getValue());
            }
        });
        if (out.isEmpty() && schema.has("additionalProperties")) {
            out.add(schema.get("additionalProperties"));
        }
        return out;
    }

    /** The given schemas plus everything reachable through $ref / allOf / anyOf / oneOf (identity set). */
    private Set<JsonNode> expand(List<JsonNode> roots) {
        Set<JsonNode> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (JsonNode root : roots) {
            expandInto(root, out);
        }
        return out;
    }

    private void expandInto(JsonNode schema, Set<JsonNode> out) {
        if (schema == null || !schema.isObject() || !out.add(schema)) {
            return;
        }
        if (schema.has("$ref")) {
            expandInto(resolveRef(schema.get("$ref").asText()), out);
        }
        for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode sub : schema.path(keyword)) {
                expandInto(sub, out);
            }
        }
    }

    private static boolean allowsType(JsonNode schema, String type) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.textValue().equals(type);
        }
        for (JsonNode e : t) {
            if (type.equals(e.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsString(JsonNode schema) {
        if (allowsType(schema, "string")) {
            return true;
        }
        if (schema.path("const").isTextual()) {
            return true;
        }
        for (JsonNode e : schema.path("enum")) {
            if (e.isTextual()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------- messages

    /*
     * A JSON Schema validator reports, for a failed anyOf/oneOf, the errors of every branch. Discord's unions
     * (interaction callbacks, components, command options, scheduled events, "null or X") have 5-11 branches,
     * so the raw output buries the one relevant error among dozens about the wrong variants. We therefore
     * prune per union, using only the instance and the spec:
     *   - a branch whose "type" cannot hold the instance is not the intended one;
     *   - a branch whose own "const"/"enum" excludes the instance is not the intended one;
     *   - for objects: a property that every object branch pins with "enum"/"const" (a discriminator such
     *     as "type" or "entity_type") selects the branches whose pinned values contain the instance's value.
     * Errors from non-selected branches are dropped. When no branch is selected, the union's errors are
     * replaced by one message naming the discriminator value (or type) and what was allowed. This only changes
     * how errors are reported, never whether there are errors.
     */
    private List<String> describe(Set<ValidationMessage> messages, Operation operation, JsonNode instance) {
        Map<String, UnionDecision> decisions = new HashMap<>();
        Set<String> out = new TreeSet<>();
        List<ValidationMessage> unionSummaries = new ArrayList<>();
        Set<String> summaryKeysWithDetail = new HashSet<>();

        for (ValidationMessage vm : messages) {
            String pointer = vm.getInstanceLocation().toString();
            if ("required".equals(vm.getType())
                    && pointer.isEmpty()
                    && operation.binaryParts.contains(vm.getProperty())) {
                continue;
            }
            List<String> eval = names(vm.getEvaluationPath());
            List<String> inst = names(vm.getInstanceLocation());
            boolean isSummary = ("oneOf".equals(vm.getType()) || "anyOf".equals(vm.getType()))
                    && !eval.isEmpty()
                    && vm.getType().equals(eval.get(eval.size() - 1));
            boolean keep = true;
            for (int j = 0; j + 1 < eval.size() && keep; j++) {
                if (!isUnionBranch(eval, j)) {
                    continue;
                }
                List<String> unionEval = eval.subList(0, j + 1);
                List<String> unionInst = inst.subList(0, Math.max(0, inst.size() - descents(eval, j + 2)));
                // The same union is evaluated once per array item: key by schema path AND instance location.
                String key = unionKey(unionEval, unionInst);
                UnionDecision d = decisions.computeIfAbsent(key, k -> decideUnion(unionEval, unionInst, instance));
                int branch = Integer.parseInt(eval.get(j + 1));
                if (d.synthesized != null) {
                    out.add(d.synthesized);
                    keep = false;
                } else if (d.kept != null && !d.kept.contains(branch)) {
                    keep = false;
                } else {
                    summaryKeysWithDetail.add(key);
                }
            }
            if (!keep) {
                continue;
            }
            if (isSummary) {
                unionSummaries.add(vm);
                continue;
            }
            out.add(format(vm.getInstanceLocation().toString(), vm.getError()));
        }
        for (ValidationMessage vm : unionSummaries) {
            String key = unionKey(names(vm.getEvaluationPath()), names(vm.getInstanceLocation()));
            UnionDecision d = decisions.computeIfAbsent(
                    key, k -> decideUnion(names(vm.getEvaluationPath()), names(vm.getInstanceLocation()), instance));
            if (d.synthesized != null) {
                out.add(d.synthesized);
            } else if (!summaryKeysWithDetail.contains(key)) {
                out.add(format(vm.getInstanceLocation().toString(), vm.getError()));
            }
        }
        return List.copyOf(out);
    }

    private static String unionKey(List<String> evalPath, List<String> instancePath) {
        return String.join("\u0000", evalPath) + "\u0001" + String.join("\u0000", instancePath);
    }

    private static String format(String pointer, String error) {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + error;
    }

    private static List<String> names(JsonNodePath path) {
        List<String> names = new ArrayList<>(path.getNameCount());
        for (int i = 0; i < path.getNameCount(); i++) {
            names.add(path.getName(i));
        }
        return names;
    }

    /** True when eval[j] is the keyword anyOf/oneOf (not a property so named) followed by a branch index. */
    private static boolean isUnionBranch(List<String> eval, int j) {
        String kw = eval.get(j);
        if (!("oneOf".equals(kw) || "anyOf".equals(kw))
                || j + 1 >= eval.size()
                || eval.get(j + 1).isEmpty()
                || !eval.get(j + 1).chars().allMatch(Character::isDigit)) {
            return false;
        }
        for (int i = 0; i < j; i++) {
            if (NAME_BEARING_KEYWORDS.contains(eval.get(i))) {
                if (i + 1 == j) {
                    return false;
                }
                i++; // skip the name
            }
        }
        return true;
    }

    private static final Set<String> NAME_BEARING_KEYWORDS =
            Set.of("properties", "patternProperties", "dependentSchemas", "$defs", "definitions");

    /** How many instance levels the evaluation path descends from index {@code from} on. */
    private static int descents(List<String> eval, int from) {
        int count = 0;
        for (int i = from; i < eval.size(); i++) {
            switch (eval.get(i)) {
                case "properties", "patternProperties", "prefixItems" -> {
                    if (i + 2 < eval.size()) {
                        count++; // into the property / matching property / item; an error below it follows
                    }
                    i++; // skip the property name / regex / index
                }
                case "dependentSchemas", "$defs", "definitions" -> i++;
                case "items",
                        "additionalProperties",
                        "unevaluatedProperties",
                        "unevaluatedItems",
                        "contains",
                        "additionalItems",
                        "propertyNames" -> {
                    if (i + 1 < eval.size() && !"propertyNames".equals(eval.get(i))) {
                        count++; // a subschema applied to a child; the last segment would be the keyword itself
                    }
                }
                default -> {}
            }
        }
        return count;
    }

    private static final class UnionDecision {
        final Set<Integer> kept; // null: keep every branch
        final String synthesized;

        UnionDecision(Set<Integer> kept, String synthesized) {
            this.kept = kept;
            this.synthesized = synthesized;
        }
    }

    private UnionDecision decideUnion(List<String> unionEvalPath, List<String> instancePath, JsonNode root) {
        try {
            return decideUnionOrFail(unionEvalPath, instancePath, root);
        } catch (RuntimeException e) {
            // Reporting must never hide a failure: if the heuristics cannot follow the paths, keep everything.
            return new UnionDecision(null, null);
        }
    }

    private UnionDecision decideUnionOrFail(List<String> unionEvalPath, List<String> instancePath, JsonNode root) {
        JsonNode union = walkSchema(unionEvalPath);
        JsonNode at = root;
        for (String segment : instancePath) {
            at = at == null ? null : (at.isArray() ? at.get(Integer.parseInt(segment)) : at.get(segment));
        }
        JsonNode value = at;
        if (union == null || !union.isArray() || value == null) {
            return new UnionDecision(null, null);
        }
        List<JsonNode> branches = new ArrayList<>();
        for (JsonNode b : union) {
            branches.add(deref(b));
        }
        String discriminator = value.isObject() ? discriminator(branches) : null;
        Set<Integer> kept = new TreeSet<>();
        boolean anyTypeOk = false;
        Set<String> allowedTypes = new LinkedHashSet<>();
        Set<String> allowedValues = new LinkedHashSet<>();
        for (int i = 0; i < branches.size(); i++) {
            JsonNode b = branches.get(i);
            if (b == null) {
                kept.add(i);
                continue;
            }
            boolean typeOk = typeAccepts(b.get("type"), value);
            anyTypeOk |= typeOk;
            collectTypes(b.get("type"), allowedTypes);
            boolean valueOk = pinnedAccepts(b, value, allowedValues);
            boolean discriminatorOk = true;
            if (discriminator != null
                    && value.has(discriminator)
                    && b.path("properties").has(discriminator)) {
                discriminatorOk = pinnedAccepts(
                        deref(b.get("properties").get(discriminator)), value.get(discriminator), allowedValues);
            }
            if (typeOk && valueOk && discriminatorOk) {
                kept.add(i);
            }
        }
        if (!kept.isEmpty()) {
            return new UnionDecision(kept, null);
        }
        String pointer = instancePath.isEmpty()
                ? ""
                : "/" + instancePath.stream().map(DiscordContract::escape).collect(Collectors.joining("/"));
        if (discriminator != null && value.has(discriminator) && !allowedValues.isEmpty()) {
            return new UnionDecision(
                    kept,
                    format(
                            pointer + "/" + escape(discriminator),
                            value.get(discriminator) + " is not one of " + sorted(allowedValues)));
        }
        if (!allowedValues.isEmpty() && anyTypeOk) {
            return new UnionDecision(kept, format(pointer, value + " is not one of " + sorted(allowedValues)));
        }
        return new UnionDecision(kept, format(pointer, jsonType(value) + " found, expected one of " + allowedTypes));
    }

    /** Allowed values for messages: numbers in numeric order, otherwise as declared. */
    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        if (list.stream().allMatch(v -> INTEGER_STRING.matcher(v).matches())) {
            list.sort(Comparator.comparing(BigInteger::new));
        }
        return list;
    }

    /** The spec node reached by following a validator evaluation path (keywords, names, indexes, $ref). */
    private JsonNode walkSchema(List<String> evalPath) {
        JsonNode current = spec;
        for (String segment : evalPath) {
            if (current == null) {
                return null;
            }
            if ("$ref".equals(segment)) {
                current = current.has("$ref") ? resolveRef(current.get("$ref").asText()) : null;
            } else if (current.isArray()) {
                current = current.get(Integer.parseInt(segment));
            } else {
                current = current.get(segment);
            }
        }
        return current;
    }

    private JsonNode deref(JsonNode schema) {
        JsonNode s = schema;
        for (int guard = 0; s != null && s.has("$ref") && guard < 32; guard++) {
            s = resolveRef(s.get("$ref").asText());
        }
        return s;
    }

    /** A property that every object branch declares with a direct "enum" or "const" (e.g. "type"). */
    private String discriminator(List<JsonNode> branches) {
        String found = null;
        List<JsonNode> objectBranches = branches.stream()
                .filter(b -> b != null && b.path("properties").isObject())
                .collect(Collectors.toList());
        if (objectBranches.size() < 2) {
            return null;
        }
        Iterator<String> names = objectBranches.get(0).get("properties").fieldNames();
        while (names.hasNext() && found == null) {
            String name = names.next();
            boolean pinnedEverywhere = objectBranches.stream().allMatch(b -> {
                JsonNode p = deref(b.get("properties").get(name));
                return p != null && (p.has("enum") || p.has("const"));
            });
            if (pinnedEverywhere) {
                found = name;
            }
        }
        return found;
    }

    /** Whether the schema's own "const"/"enum" (if any) admits the value; collects the admitted values. */
    private static boolean pinnedAccepts(JsonNode schema, JsonNode value, Set<String> allowed) {
        if (schema == null) {
            return true;
        }
        boolean ok = true;
        if (schema.has("const")) {
            allowed.add(schema.get("const").toString());
            ok = jsonEquals(schema.get("const"), value);
        }
        if (schema.has("enum")) {
            boolean any = false;
            for (JsonNode e : schema.get("enum")) {
                allowed.add(e.toString());
                any |= jsonEquals(e, value);
            }
            ok &= any;
        }
        return ok;
    }

    private static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean typeAccepts(JsonNode type, JsonNode value) {
        if (type == null) {
            return true;
        }
        String actual = jsonType(value);
        for (JsonNode t : type.isArray() ? type : List.of(type)) {
            String name = t.asText();
            if (name.equals(actual) || ("number".equals(name) && "integer".equals(actual))) {
                return true;
            }
        }
        return false;
    }

    private static void collectTypes(JsonNode type, Set<String> out) {
        if (type != null) {
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                out.add(t.asText());
            }
        }
    }

    private static String jsonType(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        if (value.isIntegralNumber()
                || (value.isNumber()
                        && value.decimalValue().stripTrailingZeros().scale() <= 0)) {
            return "integer";
        }
        return "number";
    }
}
