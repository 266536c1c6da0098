package org.campops.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.campops.chat.Caller;
import org.campops.chat.Messages;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.meetings.Meetings;
import org.campops.meetings.Occurrence;
import org.campops.mentoring.MentoringService;
import org.campops.mentoring.Series;
import org.campops.mentoring.Session;
import org.campops.officehours.OfficeHour;
import org.campops.officehours.OfficeHourService;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.jdbi.v3.core.Handle;

/**
 * Members' private calendar feeds. A feed's URL holds a random token (32 bytes from {@link SecureRandom},
 * URL-safe base64); only the token's SHA-256 is stored, so the token is shown once, when it is made
 * ({@code /calendar link} the first time, {@code /calendar reset}). A feed lists what is the member's own:
 * office hours they host or RSVP'd for, their team's mentoring sessions and those of the teams they mentor
 * (with the meeting link: only they can read the feed), and the program's meetings and deadlines for them.
 * Who is a mentor is read from the teams (a mentor of a team); meetings and deadlines for all organizers are
 * not in feeds, since an anonymous feed request cannot tell who organizes.
 */
public final class CalendarService {
    /** What feeds show: from a month back to half a year ahead. */
    static final Duration PAST = Duration.ofDays(30);

    static final Duration AHEAD = Duration.ofDays(183);
    private static final int TOKEN_BYTES = 32;

    private final Database db;
    private final Clock clock;
    private final CampConfig config;
    private final OfficeHourService officeHours;
    private final TeamService teams;
    private final MentoringService mentoring;
    private final Meetings meetings;
    private final Supplier<String> baseUrl;
    private final CalendarRepository repo = new CalendarRepository();
    private final SecureRandom random = new SecureRandom();

    public CalendarService(
            Database db,
            Clock clock,
            CampConfig config,
            OfficeHourService officeHours,
            TeamService teams,
            MentoringService mentoring,
            Meetings meetings,
            Supplier<String> baseUrl) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.officeHours = officeHours;
        this.teams = teams;
        this.mentoring = mentoring;
        this.meetings = meetings;
        this.baseUrl = baseUrl;
    }

    /** Whether this bot serves feeds at all ({@code http.enabled}). */
    public boolean enabled() {
        return config.http().enabled();
    }

    /** What {@code /calendar link} found: a new URL (shown now, once), or the feed made earlier. */
    public sealed interface Link {
        record Created(String url) implements Link {}

        record Existing(Instant createdAt, Instant fetchedAt) implements Link {}
    }

    /** The member's feed: made now when they have none (its URL is shown this once), else when it was made. */
    public Link link(String userId, Locale locale) {
        String token = newToken();
        Instant now = clock.instant();
        return db.<Link>inTransaction(
                c -> { // the type named: NullAway 0.14.3 fails on the inferred intersection type
                    Optional<CalendarRepository.Feed> existing = repo.ofMember(c, userId);
                    if (existing.isEmpty() && repo.insert(c, userId, hash(token), locale.getLanguage(), now)) {
                        return new Link.Created(url(token));
                    }
                    CalendarRepository.Feed f = existing.isPresent()
                            ? existing.get()
                            : repo.ofMember(c, userId).orElseThrow();
                    return new Link.Existing(f.createdAt(), f.fetchedAt());
                });
    }

    /** Gives the member a new feed URL; the old one answers 404 from now on. */
    public String reset(String userId, Locale locale) {
        String token = newToken();
        db.inTransaction(c -> {
            repo.replace(c, userId, hash(token), locale.getLanguage(), clock.instant());
            return null;
        });
        return url(token);
    }

    /**
     * Turns the member's feed off in the caller's transaction (they left the server): its URL answers the same 404
     * as an unknown token; {@code /calendar link} would make a new one. False when they had none.
     */
    public boolean turnOff(Handle c, String userId) throws java.sql.SQLException {
        return repo.delete(c, userId);
    }

    /** The iCalendar text of the feed whose token this is; empty for a token that is not (or no longer) anyone's. */
    public Optional<String> feed(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<CalendarRepository.Feed> feed = db.inTransaction(c -> {
            Optional<CalendarRepository.Feed> f = repo.byTokenHash(c, hash(token));
            if (f.isPresent()) {
                repo.fetched(c, f.get().userId(), now);
            }
            return f;
        });
        return feed.map(f -> CalendarFeed.ics(
                events(f.userId(), Messages.supported(f.locale(), config.camp().locale()), now),
                Messages.get(
                        Messages.supported(f.locale(), config.camp().locale()),
                        "calendar.feed.name",
                        config.camp().name()),
                now));
    }

    /** The member's own events around {@code now}. */
    List<CalendarFeed.Event> events(String userId, Locale locale, Instant now) {
        Instant from = now.minus(PAST);
        Instant to = now.plus(AHEAD);
        List<CalendarFeed.Event> out = new ArrayList<>();
        for (OfficeHour o : officeHours.ofMember(userId, from)) {
            if (o.startAt().isAfter(to)) {
                continue;
            }
            String summary = Messages.get(
                    locale,
                    o.hostId().equals(userId) ? "calendar.event.officeHourHost" : "calendar.event.officeHour",
                    o.title());
            List<String> lines = new ArrayList<>();
            if (o.topic() != null) {
                lines.add(Messages.get(locale, "calendar.event.topic", o.topic()));
            }
            if (o.description() != null) {
                lines.add(o.description());
            }
            String location = o.location();
            String url = location != null && (location.startsWith("https://") || location.startsWith("http://"))
                    ? location
                    : null;
            if (location == null && o.voiceChannelId() != null) {
                url = "https://discord.com/channels/" + config.discord().guildId() + "/" + o.voiceChannelId();
                location = Messages.get(locale, "calendar.event.voiceChannel");
            }
            out.add(new CalendarFeed.Event(
                    "officehour-" + o.id(), o.startAt(), o.endAt(), summary, String.join("\n", lines), location, url));
        }
        // Teams as a member without organizer rights sees them: their own and the ones they mentor.
        List<Team> mine = teams.visibleTo(new Caller(userId, "", Set.of()));
        boolean mentor = mine.stream().anyMatch(t -> t.mentorId().equals(userId));
        for (Team t : mine) {
            String link = mentoring.series(t).map(Series::link).orElse(null);
            for (Session s : mentoring.sessions(t)) {
                if (s.status() != Session.Status.SCHEDULED
                        || !s.endAt().isAfter(from)
                        || s.startAt().isAfter(to)) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                if (s.topic() != null) {
                    lines.add(Messages.get(locale, "calendar.event.topic", s.topic()));
                }
                if (link != null) {
                    lines.add(Messages.get(locale, "calendar.event.link", link));
                }
                out.add(new CalendarFeed.Event(
                        "mentoring-" + s.id(),
                        s.startAt(),
                        s.endAt(),
                        Messages.get(locale, "calendar.event.mentoring", t.name()),
                        String.join("\n", lines),
                        link,
                        link));
            }
        }
        for (Occurrence o : meetings.meetingsFor(userId, mentor, false, from, to)) {
            Program.Meeting m = o.meeting();
            String link = m.link();
            out.add(new CalendarFeed.Event(
                    "meeting-" + m.id() + "-" + o.date(),
                    o.start(),
                    o.end(),
                    Messages.get(locale, "calendar.event.meeting", m.name()),
                    link == null ? "" : Messages.get(locale, "calendar.event.link", link),
                    link,
                    link));
        }
        for (Program.Deadline d : meetings.deadlinesFor(userId, mentor, false, from, to)) {
            Instant due = meetings.dueAt(d);
            out.add(new CalendarFeed.Event(
                    "deadline-" + d.id(),
                    due,
                    null,
                    Messages.get(locale, "calendar.event.deadline", d.what()),
                    "",
                    null,
                    null));
        }
        out.sort(java.util.Comparator.comparing(CalendarFeed.Event::start).thenComparing(CalendarFeed.Event::uid));
        return out;
    }

    private String url(String token) {
        return baseUrl.get() + "/calendar/" + token + ".ics";
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: its SHA-256 in hex. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
