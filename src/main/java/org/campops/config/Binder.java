package org.campops.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.jspecify.annotations.Nullable;

/**
 * Binds a config file's tree into records (Jackson) and checks their constraints (Hibernate Validator), turning
 * everything wrong into {@link Problems} at the key's path rather than stopping at the first: an unknown key is
 * reported and skipped, a value of the wrong type or form is reported and read as null, then each constraint
 * violation is reported unless its key already has a problem.
 */
final class Binder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(Values.module().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public JsonDeserializer<?> modifyDeserializer(
                        DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> deserializer) {
                    return bean.getBeanClass().isRecord() ? new Mapping(deserializer) : deserializer;
                }
            }))
            .addHandler(new Recorder())
            .build();
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .defaultLocale(Locale.ENGLISH)
            .propertyNodeNameProvider(Binder::key)
            .buildValidatorFactory()
            .getValidator();

    private Binder() {}

    /** The file as {@code type}; null when it cannot be bound at all. Every problem goes to {@code problems}. */
    static <T> @Nullable T bind(YamlSource source, Class<T> type, Problems problems) {
        JsonNode root = source.root();
        if (root == null || !root.isObject()) {
            problems.add("", "expected a mapping with " + keys(type));
            return null;
        }
        T value;
        try (JsonParser p = MAPPER.treeAsTokens(Defaults.fill(root, type))) {
            value = MAPPER.readerFor(type)
                    .withAttribute(Problems.class, problems)
                    .withAttribute(Mapping.class, new ArrayDeque<String>())
                    .readValue(p);
        } catch (JsonMappingException e) {
            // a problem no handler could skip: reported where Jackson gave up
            problems.add(path(e), e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.add("", String.valueOf(e.getMessage()));
            return null;
        }
        if (value == null) {
            return null;
        }
        // Validation finds violations in no particular order: by path, so that missing keys of a mapping list alike.
        VALIDATOR.validate(value).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> path(v.getPropertyPath()))
                        .thenComparing(Binder::message))
                .filter(v -> !problems.covers(path(v.getPropertyPath())))
                .forEach(v -> problems.add(path(v.getPropertyPath()), message(v)));
        return value;
    }

    /** The keys of a record, in their order: what a mapping of it may hold. */
    static String keys(Class<?> record) {
        return String.join(", ", Defaults.keys(record));
    }

    /** A key as the file writes it (a record component may be named otherwise, see {@link Defaults#key}). */
    private static String key(Property property) {
        if (property instanceof JavaBeanProperty p && p.getDeclaringClass().isRecord()) {
            for (RecordComponent c : p.getDeclaringClass().getRecordComponents()) {
                if (c.getName().equals(p.getName())) {
                    return Defaults.key(p.getDeclaringClass(), c);
                }
            }
        }
        return property.getName();
    }

    private static String message(ConstraintViolation<?> v) {
        String m = v.getMessage();
        if (v.getConstraintDescriptor().getAnnotation() instanceof Checks.Required
                && m.equals("missing")
                && v.getLeafBean() != null
                && v.getLeafBean().getClass().isRecord()) {
            String name = null;
            for (Path.Node n : v.getPropertyPath()) {
                name = n.getName();
            }
            for (RecordComponent c : v.getLeafBean().getClass().getRecordComponents()) {
                if (Defaults.key(v.getLeafBean().getClass(), c).equals(name)
                        && c.getType().isRecord()) {
                    return m + " (expected a mapping with " + keys(c.getType()) + ")";
                }
            }
        }
        return m;
    }

    /** {@code officeHours.remindBefore[0]}, {@code channels.cv-discussion} (never Hibernate's {@code <list element>}). */
    static String path(Path propertyPath) {
        StringBuilder s = new StringBuilder();
        for (Path.Node n : propertyPath) {
            if (n.getIndex() != null) {
                s.append('[').append(n.getIndex()).append(']');
            } else if (n.getKey() != null) {
                s.append('.').append(n.getKey());
            }
            if (n.getKind() == ElementKind.PROPERTY) {
                s.append(s.isEmpty() ? "" : ".").append(n.getName());
            }
        }
        return s.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    /** The path of the value the parser is on (on a mapping's or list's start, the context is already its own). */
    static String path(JsonParser p) {
        Deque<String> parts = new ArrayDeque<>();
        JsonStreamContext c = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            c = c.getParent();
        }
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** What is expected where a value of {@code type} goes. */
    private static String expected(Class<?> type) {
        if (type.isRecord()) {
            return "a mapping with " + keys(type);
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return Collection.class.isAssignableFrom(type) ? "a list (lines starting with '- ')" : "a single value";
    }

    private static String got(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return t != null && t.isScalarValue() ? "'" + p.getText() + "'" : Values.kind(t);
    }

    /** Reads a record (a mapping) and keeps the path of the mappings being read for {@link Recorder}. */
    private static final class Mapping extends DelegatingDeserializer {
        Mapping(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Mapping(delegate);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Deque<String> open = (Deque<String>) ctxt.getAttribute(Mapping.class);
            open.push(path(p));
            try {
                return super.deserialize(p, ctxt);
            } finally {
                open.pop();
            }
        }
    }

    /** Records each problem Jackson meets at its path and lets binding go on (the value reads as null). */
    private static final class Recorder extends DeserializationProblemHandler {
        private static Problems problems(DeserializationContext ctxt) {
            return (Problems) ctxt.getAttribute(Problems.class);
        }

        private static void record(DeserializationContext ctxt, JsonParser p, String message) {
            problems(ctxt).add(path(p), message);
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            String known = Stream.concat(
                            deserializer.getKnownPropertyNames().stream().map(String::valueOf),
                            Defaults.fileOnly(deserializer.handledType()).stream())
                    .distinct()
                    .sorted()
                    .collect(Collectors.joining(", "));
            // Records buffer unknown keys and replay them at the end, so the parser no longer knows where they were.
            String bean = ((Deque<?>) ctxt.getAttribute(Mapping.class)).peek().toString();
            problems(ctxt).add(YamlSource.child(bean, propertyName), "unknown key (expected one of " + known + ")");
            p.skipChildren();
            return true;
        }

        @Override
        public @Nullable Object handleWeirdStringValue(
                DeserializationContext ctxt, Class<?> targetType, String value, String message) {
            record(ctxt, ctxt.getParser(), message);
            return null;
        }

        @Override
        public @Nullable Object handleWeirdNumberValue(
                DeserializationContext ctxt, Class<?> targetType, Number value, String message) {
            record(ctxt, ctxt.getParser(), message);
            return null;
        }

        @Override
        public @Nullable Object handleUnexpectedToken(
                DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String message)
                throws IOException {
            record(
                    ctxt,
                    p,
                    message != null && message.startsWith("expected ")
                            ? message
                            : "expected " + expected(targetType.getRawClass()) + ", got " + got(p));
            p.skipChildren();
            return null;
        }

        @Override
        public @Nullable Object handleMissingInstantiator(
                DeserializationContext ctxt,
                Class<?> type,
                ValueInstantiator instantiator,
                JsonParser p,
                String message)
                throws IOException {
            record(ctxt, p, "expected " + expected(type) + ", got " + got(p));
            p.skipChildren();
            return null;
        }
    }
}
