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
import org.campops.officehours.OfficeHourJob;
import org.campops.officehours.OfficeHourService;
import org.campops.qa.QaCommands;
import org.campops.qa.QaDigestJob;
import org.campops.qa.QaService;
import org.campops.qa.search.QuestionIndex;
import org.campops.reminders.ReminderCommands;
import org.campops.reminders.ReminderJob;
import org.campops.reminders.ReminderService;
import org.campops.schedule.JobFactoryRegistry;
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
    private final CommandRouter router;
    private final ReminderService reminders;
    private final QuestionIndex questionIndex;
    private final QaService qa;
    private final OfficeHourService officeHours;
    private final CampConfig config;
    private final Clock clock;

    public CampOps(CampConfig config, String dbUrl, Notifier notifier, Clock clock) {
        this.db = Database.open(dbUrl, Scheduling.THREADS + 6);
        this.config = config;
        this.clock = clock;
        this.questionIndex = new QuestionIndex();
        try {
            JobFactoryRegistry jobs = new JobFactoryRegistry();
            this.scheduling = new Scheduling(db, jobs);
            WhenParser when = new WhenParser(config.camp().zone());
            AtomicReference<CommandRouter> routerRef = new AtomicReference<>();

            // Features, in the order /help lists them.
            this.reminders = new ReminderService(db, scheduling, notifier, clock, config.reminders().maxPendingPerMember());
            jobs.register(ReminderJob.class, () -> new ReminderJob(reminders));

            this.qa = new QaService(db, questionIndex, notifier, clock, config);
            jobs.register(QaDigestJob.class, () -> new QaDigestJob(qa));
            QaCommands qaCommands = new QaCommands(qa);
            this.officeHours = new OfficeHourService(db, scheduling, notifier, clock, config, qa);
            jobs.register(OfficeHourJob.class, () -> new OfficeHourJob(officeHours));
            OfficeHourCommands officeHourCommands = new OfficeHourCommands(officeHours, when, clock);

            List<CommandSpec> commands = new ArrayList<>();
            commands.add(new HelpCommand(routerRef::get, config.camp().name()).spec());
            commands.add(new ReminderCommands(reminders, when, clock).spec());
            commands.add(qaCommands.askSpec());
            commands.add(qaCommands.qaSpec());
            commands.add(officeHourCommands.spec());

            this.router = new CommandRouter(commands)
                    .addAction(qaCommands.markAnswerAction())
                    .addComponents(QaCommands.FEATURE, qaCommands::onComponent)
                    .addComponents(OfficeHourCommands.FEATURE, officeHourCommands::onComponent)
                    .addMessageListener(qa);
            routerRef.set(router);
            qa.rebuildIndex();
        } catch (RuntimeException e) {
            questionIndex.close();
            db.close();
            throw e;
        }
    }

    /** Starts firing scheduled work; call once the outbound port can deliver. */
    public void startScheduler() {
        reminders.ensureScheduled();
        officeHours.ensureScheduled();
        java.time.Duration digest = config.qa().digestEvery();
        scheduling.every(QaDigestJob.KEY, QaDigestJob.class, digest, clock.instant().plus(digest));
        scheduling.start();
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

    @Override
    public void close() {
        try {
            scheduling.close();
        } finally {
            questionIndex.close();
            db.close();
        }
    }
}
