package org.campops.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campops.chat.CommandSpec;
import org.campops.chat.ComponentHandler;
import org.campops.chat.MessageActionSpec;
import org.campops.chat.MemberListener;
import org.campops.chat.MessageListener;
import org.campops.duties.DutySource;
import org.campops.program.ProgramPart;
import org.campops.schedule.MomentSource;

/**
 * One feature as a value: everything it adds to the bot (slash commands in /help order, message-menu
 * actions, button and form handlers, message listeners, member listeners, scheduled-moment sources, program-file parts,
 * mentors' duties, work once wired, resources to close). The app registers each feature the same way, so adding a feature
 * is one line in its list, as Together-Java's TJ-Bot does with its features.
 */
public record Feature(String name, List<CommandSpec> commands, List<MessageActionSpec> actions,
                      Map<String, ComponentHandler> components, List<MessageListener> listeners,
                      List<MemberListener> memberListeners, List<MomentSource> moments,
                      List<ProgramPart> programParts, List<DutySource> duties, List<Runnable> atStart,
                      List<AutoCloseable> resources) {

    public Feature {
        commands = List.copyOf(commands);
        actions = List.copyOf(actions);
        components = Map.copyOf(components);
        listeners = List.copyOf(listeners);
        memberListeners = List.copyOf(memberListeners);
        moments = List.copyOf(moments);
        programParts = List.copyOf(programParts);
        duties = List.copyOf(duties);
        atStart = List.copyOf(atStart);
        resources = List.copyOf(resources);
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
        private final List<DutySource> duties = new ArrayList<>();
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

        public Builder duties(DutySource source) {
            duties.add(source);
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
            return new Feature(name, commands, actions, components, listeners, memberListeners, moments, programParts, duties, atStart,
                    resources);
        }
    }
}
