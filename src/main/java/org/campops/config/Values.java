package org.campops.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.time.DateInput;
import org.jspecify.annotations.Nullable;

/**
 * How the config files spell values: durations ({@code 30m}, {@code 12h}, {@code 2d}, ISO {@code PT12H}), times
 * ({@code "18:00"}), weekdays in English or Korean, ISO dates, zones, ko/en. {@link #module()} reads them from YAML;
 * a value that does not parse is reported to Jackson's problem handlers (see {@link Binder}) and read as null.
 */
final class Values {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,5})\\s*([mhd])");

    private Values() {}

    /** A positive duration, or null. */
    static @Nullable Duration duration(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
            return d.isNegative() || d.isZero() ? null : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A 24-hour time written "HH:MM", or null. */
    static @Nullable LocalTime time(String text) {
        return DateInput.clock(text).orElse(null);
    }

    /** monday, mon, 월, 월요일 (any case; see {@link DateInput#weekday}), or null. */
    static @Nullable DayOfWeek day(String text) {
        return DateInput.weekday(text).orElse(null);
    }

    private static <T> @Nullable T orNull(Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The readers of every value type the config files use (registered on {@link Binder}'s mapper only). */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("campops-config-values");
        m.addDeserializer(String.class, new Scalar<>(String.class, "text", s -> s));
        m.addDeserializer(Boolean.class, new Scalar<>(Boolean.class, "true or false", s -> null));
        m.addDeserializer(Integer.class, new WholeNumber(null, null));
        // a key of a primitive type always has a default; a value that is not usable is reported and reads as 0 or
        // false
        m.addDeserializer(int.class, new WholeNumber(null, 0));
        m.addDeserializer(boolean.class, new Scalar<>(Boolean.class, "true or false", s -> null, false));
        m.addDeserializer(
                Duration.class, new Scalar<>(Duration.class, "a duration such as 30m, 12h or 2d", Values::duration));
        m.addDeserializer(
                LocalTime.class,
                new Scalar<>(LocalTime.class, "a time such as \"10:00\" (24-hour, in quotes)", Values::time));
        m.addDeserializer(
                DayOfWeek.class, new Scalar<>(DayOfWeek.class, "a weekday such as monday or 월요일", Values::day));
        m.addDeserializer(
                LocalDate.class,
                new Scalar<>(LocalDate.class, "a date such as 2026-11-02", s -> orNull(LocalDate::parse, s)));
        m.addDeserializer(
                LocalDateTime.class,
                new Scalar<>(
                        LocalDateTime.class,
                        "a date and time such as 2026-12-01 18:00",
                        s -> orNull(t -> LocalDateTime.parse(t.replace(' ', 'T')), s)));
        m.addDeserializer(
                ZoneId.class,
                new Scalar<>(ZoneId.class, "a time zone id such as Asia/Seoul", s -> orNull(ZoneId::of, s)));
        m.addDeserializer(
                Locale.class,
                new Scalar<>(
                        Locale.class,
                        "ko or en",
                        s -> s.equals("ko") ? Locale.KOREAN : s.equals("en") ? Locale.ENGLISH : null));
        m.addDeserializer(
                Program.MentoringForm.class,
                new Scalar<>(
                        Program.MentoringForm.class, "zoom or discussion", s -> switch (s.toLowerCase(Locale.ROOT)) {
                            case "zoom" -> Program.MentoringForm.ZOOM;
                            case "discussion" -> Program.MentoringForm.DISCUSSION;
                            default -> null;
                        }));
        return m;
    }

    /** What a non-scalar token is called in messages. */
    static String kind(JsonToken t) {
        return t == JsonToken.START_OBJECT
                ? "a mapping"
                : t == JsonToken.START_ARRAY ? "a list" : "'" + t.asString() + "'";
    }

    /**
     * A value written as one scalar: stripped, blank read as absent, then parsed. YAML booleans are the only
     * Boolean; any other scalar reads as text (numbers too, as the hand-written loaders did).
     */
    private static class Scalar<T> extends StdScalarDeserializer<T> {
        private final String expected;
        private final Function<String, T> parse;
        private final @Nullable T absent;

        Scalar(Class<T> type, String expected, Function<String, T> parse) {
            this(type, expected, parse, null);
        }

        Scalar(Class<T> type, String expected, Function<String, T> parse, @Nullable T absent) {
            super(type);
            this.expected = expected;
            this.parse = parse;
            this.absent = absent;
        }

        @Override
        public @Nullable T getNullValue(DeserializationContext ctxt) {
            return absent;
        }

        @Override
        @SuppressWarnings("unchecked")
        public @Nullable T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (handledType() == Boolean.class && t.isBoolean()) {
                return (T) Boolean.valueOf(t == JsonToken.VALUE_TRUE);
            }
            if (!t.isScalarValue()) {
                T v = (T) ctxt.handleUnexpectedToken(handledType(), t, p, "expected %s, got %s", expected, kind(t));
                return v == null ? absent : v;
            }
            String text = p.getText().strip();
            if (text.isEmpty()) {
                return absent;
            }
            T value = parse.apply(text);
            if (value == null) {
                value = (T) ctxt.handleWeirdStringValue(handledType(), text, "expected %s, got '%s'", expected, text);
            }
            return value == null ? absent : value;
        }
    }

    /** A whole number; when the key has a range ({@link Checks.Between}), a wrong value is reported with it. */
    private static final class WholeNumber extends StdScalarDeserializer<Integer> implements ContextualDeserializer {
        private final Checks.@Nullable Between range;
        private final @Nullable Integer absent;

        WholeNumber(Checks.@Nullable Between range, @Nullable Integer absent) {
            super(Integer.class);
            this.range = range;
            this.absent = absent;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Checks.Between r = property == null ? null : property.getAnnotation(Checks.Between.class);
            return r == null ? this : new WholeNumber(r, absent);
        }

        @Override
        public @Nullable Integer getNullValue(DeserializationContext ctxt) {
            return absent;
        }

        @Override
        public @Nullable Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT && p.getBigIntegerValue().bitLength() < Integer.SIZE) {
                return p.getIntValue();
            }
            String expected = "a whole number" + (range == null ? "" : " from " + range.min() + " to " + range.max());
            if (!t.isScalarValue()) {
                Integer v = (Integer)
                        ctxt.handleUnexpectedToken(Integer.class, t, p, "expected %s, got %s", expected, kind(t));
                return v == null ? absent : v;
            }
            Integer v = (Integer) ctxt.handleWeirdStringValue(
                    Integer.class, p.getText(), "expected %s, got '%s'", expected, p.getText());
            return v == null ? absent : v;
        }
    }
}
