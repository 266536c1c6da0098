package org.campops.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.campops.chat.CommandRouter;
import org.campops.chat.CommandSpec;
import org.campops.chat.Notifier;
import org.campops.config.CampConfig;
import org.campops.help.HelpCommand;
import org.campops.officehours.OfficeHourCommands;
import org.campops.officehours.OfficeHourService;
import org.campops.qa.QaCommands;
import org.campops.qa.QaDigests;
import org.campops.qa.QaService;
import org.campops.qa.search.QuestionIndex;
import org.campops.reminders.ReminderCommands;
import org.campops.reminders.ReminderService;
import org.campops.delivery.Dispatcher;
import org.campops.delivery.DmChannelStore;
import org.campops.delivery.Outbox;
import org.campops.delivery.StatusCommand;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Moments;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.campops.time.WhenParser;

/**
 * The wired application, platform-neutral: store, scheduler, features and router. Reading the
 * constructor tells what the bot does (a table of contents, no classpath scanning).
 */
public final class CampOps implements AutoCloseable {
    private final Database db;
    private final Scheduling scheduling;
    private final Moments moments;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final DmChannelStore dmChannels;
    private final CommandRouter router;
    private final ReminderService reminders;
    private final QuestionIndex questionIndex;
    private final QaService qa;
    private final OfficeHourService officeHours;
    private final org.campops.teams.TeamService teams;
    private final org.campops.mentoring.MentoringService mentoring;
    private final org.campops.meetings.Meetings meetings;
    private final org.campops.program.ProgramMoments program;
    private final org.campops.discussion.DiscussionService discussion;
    private final org.campops.duties.DutiesService duties;
    private final org.campops.calendar.CalendarService calendar;
    /** Where members' calendar apps reach the HTTP server; the running bot sets it once the server listens. */
    private volatile String httpBaseUrl;
    private final CampConfig config;
    private final Clock clock;
    /** Set by whichever stops the timers and the dispatcher first: the orderly stop or {@link #close}. */
    private final java.util.concurrent.atomic.AtomicBoolean firingStopped = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public CampOps(CampConfig config, String dbUrl, Notifier notifier, Clock clock) {
        this(config, dbUrl, notifier, clock, Dispatcher.Settings.defaults());
    }

    public CampOps(CampConfig config, String dbUrl, Notifier notifier, Clock clock, Dispatcher.Settings delivery) {
        this.db = Database.open(dbUrl, Scheduling.THREADS + delivery.threads() + 6);
        this.config = config;
        this.clock = clock;
        this.questionIndex = new QuestionIndex();
        Scheduling created = null;
        try {
            JobFactoryRegistry jobs = new JobFactoryRegistry();
            this.scheduling = created = new Scheduling(db, jobs);
            this.moments = new Moments(scheduling, jobs, clock);
            // Delivery runs on the wall clock (retries, leases); what a post is about uses the camp's clock.
            this.outbox = new Outbox(db, Clock.systemUTC());
            this.dispatcher = new Dispatcher(db, outbox, notifier, Clock.systemUTC(), delivery);
            this.dmChannels = new DmChannelStore(db, clock);
            WhenParser when = new WhenParser(config.camp().zone());
            // Moments planned from config/program.yaml; the features below register their parts.
            this.program = new org.campops.program.ProgramMoments(db, moments, clock, config.program());
            moments.register(program);
            AtomicReference<CommandRouter> routerRef = new AtomicReference<>();

            // Features, in the order /help lists them.
            this.reminders = new ReminderService(db, moments, outbox, notifier, clock, config.reminders().maxPendingPerMember());
            moments.register(reminders);

            this.qa = new QaService(db, questionIndex, outbox, clock, config);
            moments.register(new QaDigests(qa, moments, clock));
            QaCommands qaCommands = new QaCommands(qa);
            this.officeHours = new OfficeHourService(db, moments, outbox, notifier, clock, config, qa);
            moments.register(officeHours.moments());
            OfficeHourCommands officeHourCommands = new OfficeHourCommands(officeHours, when, clock);
            this.teams = new org.campops.teams.TeamService(db, new org.campops.teams.TeamChannels(outbox, notifier, config),
                    notifier, clock);
            org.campops.teams.TeamCommands teamCommands = new org.campops.teams.TeamCommands(teams);
            this.mentoring = new org.campops.mentoring.MentoringService(db, teams, moments, outbox, clock, config);
            moments.register(mentoring.reminders());
            org.campops.mentoring.MentoringCommands mentoringCommands =
                    new org.campops.mentoring.MentoringCommands(mentoring, teams, teamCommands);
            this.discussion = new org.campops.discussion.DiscussionService(db, clock, config, teams);
            program.register(new org.campops.discussion.PromptPart(discussion, outbox, config));
            program.register(new org.campops.discussion.WeeklyPostPart(discussion, outbox, config));
            // Staff meetings and material deadlines of the program file: reminders to who they are for.
            this.meetings = new org.campops.meetings.Meetings(config, outbox, program::program);
            program.register(meetings.meetingReminders());
            program.register(meetings.deadlineReminders());
            org.campops.wrapup.WrapupService wrapup = new org.campops.wrapup.WrapupService(db, teams, clock, config);
            program.register(new org.campops.wrapup.WrapupDigests(wrapup, outbox));

            List<CommandSpec> commands = new ArrayList<>();
            commands.add(new HelpCommand(routerRef::get, config.camp().name()).spec());
            commands.add(new ReminderCommands(reminders, when, clock).spec());
            commands.add(qaCommands.askSpec());
            commands.add(qaCommands.qaSpec());
            commands.add(officeHourCommands.spec());
            commands.add(teamCommands.spec());
            commands.add(mentoringCommands.spec());
            commands.add(new org.campops.discussion.PromptCommands(discussion).spec());
            this.duties = new org.campops.duties.DutiesService(discussion::mentors, clock, config.camp().zone())
                    .add(discussion::weeklyPostDuty)
                    .add(mentoring.records()::sessionDuties)
                    .add(wrapup::reviewDuties)
                    .add(new org.campops.meetings.MeetingDuties(meetings, clock, config.camp().zone()));
            commands.add(new org.campops.duties.DutiesCommands(duties, discussion::markDone,
                    List.of(org.campops.discussion.DiscussionService.WEEKLY_POST)).spec());
            commands.add(new org.campops.wrapup.WrapupCommands(wrapup).spec());
            this.httpBaseUrl = config.http().baseUrl(config.http().port());
            this.calendar = new org.campops.calendar.CalendarService(db, clock, config, officeHours, teams, mentoring, meetings,
                    () -> httpBaseUrl);
            commands.add(new org.campops.calendar.CalendarCommands(calendar).spec());
            commands.add(new StatusCommand(outbox, clock).spec());

            this.router = new CommandRouter(commands)
                    .addAction(qaCommands.markAnswerAction())
                    .addComponents(QaCommands.FEATURE, qaCommands::onComponent)
                    .addComponents(OfficeHourCommands.FEATURE, officeHourCommands::onComponent)
                    .addComponents(org.campops.mentoring.MentoringCommands.FEATURE, mentoringCommands::onComponent)
                    .addMessageListener(qa.threads())
                    .addMessageListener(discussion);
            routerRef.set(router);
            qa.rebuildIndex();
        } catch (RuntimeException e) {
            if (created != null) {
                created.shutdown(false);
            }
            questionIndex.close();
            db.close();
            throw e;
        }
    }

    /**
     * Starts delivering the outbox (resuming what a previous run left in flight) and firing scheduled
     * work; call once the outbound port can deliver.
     */
    public void startScheduler() {
        dispatcher.start();
        startTimers();
    }

    /**
     * Starts firing scheduled work only (planned moments restored first). Every instance runs the timers (on
     * PostgreSQL Quartz is clustered: each trigger fires on one of them); only the one that holds the Discord gateway
     * also sends ({@link #dispatcher()}).
     */
    public void startTimers() {
        scheduling.dropLegacyTriggers();
        program.sync();
        moments.restore();
        scheduling.start();
    }

    /** No more timers: waits for pending planning, then stops Quartz (waiting for running jobs). */
    public void stopFiring() {
        try {
            moments.awaitPlanned(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduling.shutdown(true);
    }

    /**
     * The orderly stop (SIGTERM): no more timers (waiting for running jobs), then the outbox is drained
     * for at most {@code drainFor}; what is left goes out at the next start. Only the first call (of
     * this and {@link #close}) stops anything.
     */
    public void stopFiringAndDrain(java.time.Duration drainFor) {
        if (!firingStopped.compareAndSet(false, true)) {
            return;
        }
        stopFiring();
        try {
            int left = dispatcher.drain(drainFor);
            if (left > 0) {
                org.slf4j.LoggerFactory.getLogger(CampOps.class).warn(
                        "stopping with {} deliveries not sent yet; they go out at the next start", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
    }

    public Moments moments() {
        return moments;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public DmChannelStore dmChannels() {
        return dmChannels;
    }

    public ReminderService reminders() {
        return reminders;
    }

    public CommandRouter router() {
        return router;
    }

    public Database database() {
        return db;
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    public QaService qa() {
        return qa;
    }

    public OfficeHourService officeHours() {
        return officeHours;
    }

    public org.campops.discussion.DiscussionService discussion() {
        return discussion;
    }

    public org.campops.duties.DutiesService duties() {
        return duties;
    }

    public org.campops.program.ProgramMoments program() {
        return program;
    }

    public org.campops.teams.TeamService teams() {
        return teams;
    }

    public org.campops.mentoring.MentoringService mentoring() {
        return mentoring;
    }

    public org.campops.meetings.Meetings meetings() {
        return meetings;
    }

    public org.campops.calendar.CalendarService calendar() {
        return calendar;
    }

    /** Where the HTTP server is reached from outside (calendar URLs), once it listens. */
    public void useHttpBaseUrl(String baseUrl) {
        this.httpBaseUrl = baseUrl;
    }

    /** Stops the timers and the dispatcher unless the orderly stop did, then closes the store; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (firingStopped.compareAndSet(false, true)) {
                scheduling.shutdown(true);
                dispatcher.close();
            }
        } finally {
            questionIndex.close();
            db.close();
        }
    }
}
