package org.campops.discussion;

import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.MessageListener;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.config.ProgramLoader;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The competition discussion board: the weekly prompts (the bank in the program file and those
 * mentors queue) and the mentors' weekly post, marked done when a mentor writes on the board during
 * the week or by hand.
 */
public final class DiscussionService implements MessageListener {
    public static final String WEEKLY_POST = "weekly-post";
    /** Queued prompts get a heading above them; together they fit one Discord message. */
    public static final int MAX_PROMPT = ProgramLoader.MAX_PROMPT;

    private final Database db;
    private final Clock clock;
    private final CampConfig config;
    private final TeamService teams;
    private final DiscussionRepository repo = new DiscussionRepository();

    public DiscussionService(Database db, Clock clock, CampConfig config, TeamService teams) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.teams = teams;
    }

    ZoneId zone() {
        return config.camp().zone();
    }

    Program program() {
        return config.program();
    }

    /** The Monday of the week {@code at} falls in, in the camp's zone. */
    public LocalDate weekOf(Instant at) {
        return at.atZone(zone()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    // ---- prompts ----

    /** A prompt waiting in the queue (submitted by a mentor) or the bank's next ones. */
    public record QueuedPrompt(long id, String text, String submittedBy, Instant submittedAt) {}

    public QueuedPrompt submit(Caller by, String text) {
        String t = text == null ? "" : text.strip();
        if (!Texts.isVisible(t)) {
            throw new UserError("prompt.error.empty");
        }
        if (t.length() > MAX_PROMPT) {
            throw new UserError("prompt.error.tooLong", MAX_PROMPT, t.length());
        }
        Instant now = clock.instant();
        long id = db.inTransaction(c -> repo.submit(c, t, by.userId(), now));
        return new QueuedPrompt(id, t, by.userId(), now);
    }

    public List<QueuedPrompt> queue() {
        return db.inTransaction(repo::queued);
    }

    /** The bank's prompts not used yet, in the file's order. */
    public List<Program.Prompt> unusedBank() {
        return db.inTransaction(this::unusedBank);
    }

    private List<Program.Prompt> unusedBank(Handle c) throws SQLException {
        Set<String> used = new HashSet<>(repo.usedBankTexts(c));
        return program().prompts().bank().stream()
                .filter(p -> !used.contains(p.text()))
                .toList();
    }

    public QueuedPrompt drop(Caller by, long id) {
        if (!by.has(Role.ORGANIZER)) {
            throw new UserError("prompt.error.organizersOnly");
        }
        return db.inTransaction(c -> {
            QueuedPrompt p = repo.queued(c).stream()
                    .filter(q -> q.id() == id)
                    .findFirst()
                    .orElseThrow(() -> new UserError("prompt.error.notQueued", id));
            repo.drop(c, id);
            return p;
        });
    }

    /**
     * Takes the prompt for the moment {@code key} (in its transaction): the oldest queued one, else the
     * bank's next unused one; the same one when the moment asks again. Empty when none is left.
     */
    Optional<String> take(Handle c, String key, Instant now) throws SQLException {
        Optional<String> already = repo.usedBy(c, key);
        if (already.isPresent()) {
            return already;
        }
        List<QueuedPrompt> queued = repo.queued(c);
        if (!queued.isEmpty()) {
            QueuedPrompt q = queued.get(0);
            repo.use(c, q.id(), key, now);
            return Optional.of(q.text());
        }
        List<Program.Prompt> bank = unusedBank(c);
        if (bank.isEmpty()) {
            return Optional.empty();
        }
        String text = bank.get(0).text();
        repo.useFromBank(c, text, key, now);
        return Optional.of(text);
    }

    // ---- the mentor's weekly post ----

    /** The weekly post as a duty of {@code mentorId} in the week of {@code weekStart} (none outside discussion stages). */
    public List<org.campops.duties.Duty> weeklyPostDuty(String mentorId, LocalDate weekStart, java.util.Locale locale) {
        if (!postsDue(weekStart)) {
            return List.of();
        }
        Instant weekEnd = weekStart.plusWeeks(1).atStartOfDay(zone()).toInstant();
        DayOfWeek firstReminder = program().duties().weeklyPostReminders().stream()
                .min(DayOfWeek::compareTo)
                .orElse(DayOfWeek.SUNDAY);
        Instant chaseFrom = weekStart
                .with(TemporalAdjusters.nextOrSame(firstReminder))
                .atTime(program().duties().reminderTime())
                .atZone(zone())
                .toInstant();
        Instant now = clock.instant();
        org.campops.duties.Duty.Status status = done(WEEKLY_POST, weekStart, mentorId)
                ? org.campops.duties.Duty.Status.DONE
                : now.isAfter(chaseFrom) ? org.campops.duties.Duty.Status.LATE : org.campops.duties.Duty.Status.OPEN;
        return List.of(new org.campops.duties.Duty(
                WEEKLY_POST,
                org.campops.chat.Messages.get(locale, "duties.item.weeklyPost"),
                status,
                weekEnd.minusSeconds(60)));
    }

    /** The discussion channels of every competition (where a mentor's post counts). */
    Set<String> boards() {
        Set<String> out = new HashSet<>();
        program().competitions().forEach(c -> out.add(c.discussionChannel()));
        return out;
    }

    /** Whether the stage running in the week of {@code weekStart} uses weekly discussion posts. */
    public boolean postsDue(LocalDate weekStart) {
        return program().stages().stream()
                .anyMatch(s -> s.mentoring() == Program.MentoringForm.DISCUSSION
                        && !s.end().isBefore(weekStart)
                        && !s.start().isAfter(weekStart.plusDays(6)));
    }

    /** Mentors who owe duties: those of the teams. */
    public List<String> mentors() {
        List<String> out = new ArrayList<>();
        for (Team t : teams.all()) {
            if (!out.contains(t.mentorId())) {
                out.add(t.mentorId());
            }
        }
        return out;
    }

    public boolean done(String duty, LocalDate weekStart, String mentorId) {
        return db.inTransaction(c -> done(c, duty, weekStart, mentorId));
    }

    boolean done(Handle c, String duty, LocalDate weekStart, String mentorId) throws SQLException {
        return repo.done(c, duty, weekStart, mentorId);
    }

    /** Marks a duty done this week by hand ({@code /duties done}). */
    public LocalDate markDone(Caller by, String duty) {
        if (!WEEKLY_POST.equals(duty)) {
            throw new UserError("duties.error.unknownDuty", Texts.printable(duty == null ? "" : duty, 40), WEEKLY_POST);
        }
        LocalDate week = weekOf(clock.instant());
        record(by.userId(), week, "MANUAL", null);
        return week;
    }

    private void record(String mentorId, LocalDate week, String how, @Nullable String messageId) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            repo.markDone(c, WEEKLY_POST, week, mentorId, how, messageId, now);
            return null;
        });
    }

    @Override
    public void onMessage(ChatMessage m) {
        if (m.authorIsBot()
                || !m.authorRoles().contains(Role.MENTOR) && !mentors().contains(m.authorId())) {
            return;
        }
        Set<String> boards = boards();
        if (boards.contains(m.channelId()) || (m.parentChannelId() != null && boards.contains(m.parentChannelId()))) {
            // The week it is now (the message just arrived) in the camp's clock.
            record(m.authorId(), weekOf(clock.instant()), "POST", m.messageId());
        }
    }

    @Override
    public void onEdit(ChatMessage message) {}

    @Override
    public void onDelete(String channelId, String messageId) {}
}
