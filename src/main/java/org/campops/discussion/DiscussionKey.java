package org.campops.discussion;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.delivery.DeliveryKey;
import org.campops.program.ProgramKey;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the discussion parts: the program moment ({@code prompt:<competition>:<date>},
 * {@code duty:weekly-post:<monday>:<day>}) and its posts (the prompt's thread under the moment's own key,
 * {@code <moment>:none} to the organizers, {@code <moment>:<mentor>}); formatted and parsed only here.
 */
public sealed interface DiscussionKey extends ProgramKey {

    /** The week's prompt of a competition, posted on {@code day}. */
    record Prompt(String competitionId, LocalDate day) implements DiscussionKey {
        @Override
        public String text() {
            return DeliveryKey.join(PromptPart.NAME, competitionId, day);
        }

        /** The prompt's thread. */
        public Post thread() {
            return new Post(this, null);
        }

        /** The organizers told that no prompt was left. */
        public Post none() {
            return new Post(this, "none");
        }
    }

    /** The reminder on {@code day} of the week starting {@code week} to mentors who have not posted yet. */
    record WeeklyPost(LocalDate week, DayOfWeek day) implements DiscussionKey {
        @Override
        public String text() {
            return DeliveryKey.join(
                    WeeklyPostPart.NAME,
                    DiscussionService.WEEKLY_POST,
                    week,
                    day.name().toLowerCase(Locale.ROOT));
        }

        /** The reminder's DM to one mentor. */
        public Post to(String mentorId) {
            return new Post(this, mentorId);
        }
    }

    /** A post of a moment: the moment's key, followed by {@code :<suffix>} unless it is null. */
    record Post(DiscussionKey moment, @Nullable String suffix) implements DeliveryKey {
        @Override
        public String text() {
            return suffix == null ? moment.text() : DeliveryKey.join(moment.text(), suffix);
        }
    }

    /** The key of a stored moment's text; empty when it is not a prompt's or a weekly-post reminder's. */
    static Optional<DiscussionKey> parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        try {
            if (p.size() == 3 && p.get(0).equals(PromptPart.NAME)) {
                return Optional.of(new Prompt(p.get(1), LocalDate.parse(p.get(2))));
            }
            if (p.size() == 4
                    && p.get(0).equals(WeeklyPostPart.NAME)
                    && p.get(1).equals(DiscussionService.WEEKLY_POST)) {
                DayOfWeek day = DayOfWeek.valueOf(p.get(3).toUpperCase(Locale.ROOT));
                return Optional.of(new WeeklyPost(LocalDate.parse(p.get(2)), day));
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The key of a stored moment of {@code type}; IllegalArgumentException when it is not one. */
    static <K extends DiscussionKey> K parse(String text, Class<K> type) {
        return parse(text)
                .filter(type::isInstance)
                .map(type::cast)
                .orElseThrow(() -> new IllegalArgumentException("not a " + type.getSimpleName() + " key: " + text));
    }
}
