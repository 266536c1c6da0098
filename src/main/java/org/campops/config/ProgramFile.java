package org.campops.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.config.Checks.Required;
import org.jspecify.annotations.Nullable;

/**
 * What config/program.yaml holds beside {@link Program}'s own keys: names for channel ids, which competitions'
 * {@code discussion} may use. Also how the file writes who a meeting or deadline is for ({@link Who}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProgramFile(
        Map<
                        String,
                        @Required
                        @Pattern(
                                regexp = SNOWFLAKE,
                                message = "expected a Discord channel id (digits)," + " got '${validatedValue}'")
                        String>
                channels) {
    static final String SNOWFLAKE = "\\d{5,20}";

    /** The channel id a reference names: an id, {@code <#id>}, or a name under channels (with or without '#'). */
    @Nullable
    String channel(String reference) {
        String id = reference.replaceFirst("^<#(\\d+)>$", "$1");
        if (id.matches(SNOWFLAKE)) {
            return id;
        }
        return channels == null ? null : channels.get(reference.replaceFirst("^#", ""));
    }

    /** Who: mentors, organizers, or member ids (also as mentions); null when an entry is none of these. */
    static Program.@Nullable Audience audience(List<String> who) {
        if (who.size() == 1 && who.get(0) != null) {
            switch (who.get(0).toLowerCase(Locale.ROOT)) {
                case "mentors" -> {
                    return new Program.Audience(Program.Audience.Kind.MENTORS, List.of());
                }
                case "organizers" -> {
                    return new Program.Audience(Program.Audience.Kind.ORGANIZERS, List.of());
                }
                default -> {
                    // one member id
                }
            }
        }
        List<String> ids = who.stream()
                .map(w -> w == null ? "" : w.replaceFirst("^<@!?(\\d+)>$", "$1"))
                .toList();
        return ids.stream().allMatch(i -> i.matches(SNOWFLAKE))
                ? new Program.Audience(Program.Audience.Kind.MEMBERS, ids)
                : null;
    }

    /**
     * Reads {@code who:} (one entry or a list: mentors, organizers, or member ids). An audience naming nobody or
     * something else is a problem at the key and reads as null.
     */
    static final class Who extends StdDeserializer<Program.Audience> {
        Who() {
            super(Program.Audience.class);
        }

        @Override
        public Program.@Nullable Audience deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String path = Binder.path(p);
            JsonToken t = p.currentToken();
            List<String> who = new ArrayList<>();
            if (t == JsonToken.START_ARRAY) {
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    who.add(
                            e.isScalarValue()
                                            && e != JsonToken.VALUE_NULL
                                            && !p.getText().isBlank()
                                    ? p.getText().strip()
                                    : null);
                    p.skipChildren();
                }
            } else if (t.isScalarValue()) {
                if (p.getText().isBlank()) {
                    return null;
                }
                who.add(p.getText().strip());
            } else {
                return (Program.Audience) ctxt.handleUnexpectedToken(
                        Program.Audience.class,
                        t,
                        p,
                        "expected %s, got %s",
                        "mentors, organizers, or a list of member ids",
                        Values.kind(t));
            }
            Program.Audience audience = who.isEmpty() ? null : audience(who);
            if (audience == null) {
                String bad = who.stream()
                        .filter(w -> w == null
                                || !w.replaceFirst("^<@!?(\\d+)>$", "$1").matches(SNOWFLAKE))
                        .findFirst()
                        .orElse(null);
                ((Problems) ctxt.getAttribute(Problems.class))
                        .add(
                                path,
                                who.isEmpty()
                                        ? "names nobody"
                                        : "expected mentors, organizers, or member ids (digits), got '" + bad + "'");
            }
            return audience;
        }
    }
}
