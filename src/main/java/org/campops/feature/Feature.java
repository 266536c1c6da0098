package org.campops.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campops.chat.CommandSpec;
import org.campops.chat.ComponentHandler;
import org.campops.chat.MemberListener;
import org.campops.chat.MessageActionSpec;
import org.campops.chat.MessageListener;
import org.campops.program.ProgramPart;
import org.campops.schedule.MomentSource;

/**
 * One feature as a value: everything it adds to the bot (slash commands in /help order, message-menu
 * actions, button and form handlers, message listeners, member listeners, scheduled-moment sources, program-file parts,
 * exports and imports of the command line, work once wired, resources to close) and what it contributes to other
 * features ({@link #contributions(Class)}: e.g. mentors' duties for {@code /duties}). The app registers each feature
 * the same way, so adding a feature is one line in its list, as Together-Java's TJ-Bot does with its features.
 */
public record Feature(
        String name,
        List<CommandSpec> commands,
        List<MessageActionSpec> actions,
        Map<String, ComponentHandler> components,
        List<MessageListener> listeners,
        List<MemberListener> memberListeners,
        List<MomentSource> moments,
        List<ProgramPart> programParts,
        List<Export> exports,
        List<Import> imports,
        Map<Class<?>, List<?>> contributions,
        List<Runnable> atStart,
        List<AutoCloseable> resources) {

    public Feature {
        commands = List.copyOf(commands);
        actions = List.copyOf(actions);
        components = Map.copyOf(components);
        listeners = List.copyOf(listeners);
        memberListeners = List.copyOf(memberListeners);
        moments = List.copyOf(moments);
        programParts = List.copyOf(programParts);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
        Map<Class<?>, List<?>> copy = new LinkedHashMap<>();
        contributions.forEach((type, parts) -> copy.put(type, List.copyOf(parts)));
        contributions = Map.copyOf(copy);
        atStart = List.copyOf(atStart);
        resources = List.copyOf(resources);
    }

    /** What this feature contributes to the extension point {@code type} (another feature consumes them). */
    public <T> List<T> contributions(Class<T> type) {
        List<?> parts = contributions.getOrDefault(type, List.of());
        return parts.stream().map(type::cast).toList();
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Collects a feature's parts. */
    public static final class Builder {
        private final String name;
        private final List<CommandSpec> commands = new ArrayList<>();
        private final List<MessageActionSpec> actions = new ArrayList<>();
        private final Map<String, ComponentHandler> components = new LinkedHashMap<>();
        private final List<MessageListener> listeners = new ArrayList<>();
        private final List<MemberListener> memberListeners = new ArrayList<>();
        private final List<MomentSource> moments = new ArrayList<>();
        private final List<ProgramPart> programParts = new ArrayList<>();
        private final List<Export> exports = new ArrayList<>();
        private final List<Import> imports = new ArrayList<>();
        private final Map<Class<?>, List<Object>> contributions = new LinkedHashMap<>();
        private final List<Runnable> atStart = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder command(CommandSpec spec) {
            commands.add(spec);
            return this;
        }

        public Builder action(MessageActionSpec action) {
            actions.add(action);
            return this;
        }

        /** Buttons and forms whose id starts with {@code prefix} (see {@code ButtonId}). */
        public Builder components(String prefix, ComponentHandler handler) {
            components.put(prefix, handler);
            return this;
        }

        public Builder listener(MessageListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Hears members leave the camp's server. */
        public Builder memberListener(MemberListener listener) {
            memberListeners.add(listener);
            return this;
        }

        public Builder moments(MomentSource source) {
            moments.add(source);
            return this;
        }

        public Builder programPart(ProgramPart part) {
            programParts.add(part);
            return this;
        }

        /** {@code campops export <name>}. */
        public Builder export(Export export) {
            exports.add(export);
            return this;
        }

        /** {@code campops import <name> ...}. */
        public Builder importing(Import csvImport) {
            imports.add(csvImport);
            return this;
        }

        /**
         * A part for another feature's extension point, e.g. {@code contribute(DutySource.class, ...)} for /duties; the
         * consuming feature reads them all through {@link Context#contributions(Class)}.
         */
        public <T> Builder contribute(Class<T> type, T part) {
            contributions.computeIfAbsent(type, t -> new ArrayList<>()).add(type.cast(part));
            return this;
        }

        /** Work once the database is open, before timers fire (e.g. rebuilding an index). */
        public Builder atStart(Runnable work) {
            atStart.add(work);
            return this;
        }

        /** Closed when the app closes (e.g. a search index). */
        public Builder closing(AutoCloseable resource) {
            resources.add(resource);
            return this;
        }

        public Feature build() {
            return new Feature(
                    name,
                    commands,
                    actions,
                    components,
                    listeners,
                    memberListeners,
                    moments,
                    programParts,
                    exports,
                    imports,
                    new LinkedHashMap<Class<?>, List<?>>(contributions),
                    atStart,
                    resources);
        }
    }
}
