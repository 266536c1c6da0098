package org.campops.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.campops.app.RunningBot;
import org.campops.config.CampConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the fake Discord and the real bot around each test (or once around a class, {@link Builder#perClass()}) and
 * hands them to the test as parameters: {@link Camp} (the helpers), {@link FakeDiscord}, {@link RunningBot},
 * {@link Clock} and {@link MutableClock}. Used through {@link CampE2E} or, for a special setup, as
 * {@code @RegisterExtension final BotExtension camp = BotExtension.builder()...build();} (a {@code static} field for
 * {@code perClass()}).
 *
 * <p>It keeps all it starts in JUnit's store of the test (or class), never in static fields; the fake and the bot
 * listen on free ports and each camp has its own database, so classes may run in parallel or in separate JVMs.
 */
public final class BotExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BotExtension.class);
    private static final String CAMP = "camp";

    /** What a camp is started with; null when this extension comes from {@link CampE2E} (read at first use). */
    private final Builder settings;

    /** The extension {@link CampE2E} registers: its settings come from the annotation. */
    public BotExtension() {
        this.settings = null;
    }

    private BotExtension(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    private Builder settings(ExtensionContext context) {
        if (settings != null) {
            return settings;
        }
        Optional<CampE2E> a = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), CampE2E.class);
        Builder b = new Builder();
        a.ifPresent(e2e -> {
            b.perClass = e2e.perClass();
            b.awaitCommands = e2e.awaitCommands();
            b.noServerErrors = e2e.noServerErrors();
            if (e2e.mutableClock()) {
                b.clock = () -> new MutableClock(Instant.now());
            }
        });
        return b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Builder s = settings(context);
        if (s.perClass) {
            context.getStore(NS).put(CAMP, s.open());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Camp camp = context.getStore(NS).remove(CAMP, Camp.class);
        if (camp != null) {
            camp.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Builder s = settings(context);
        if (s.perClass) {
            if (context.getStore(NS).get(CAMP, Camp.class) == null) {
                throw new IllegalStateException(
                        "perClass() needs the BotExtension in a static @RegisterExtension field");
            }
            return;
        }
        context.getStore(NS).put(CAMP, s.open());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Builder s = settings(context);
        if (s.perClass) {
            camp(context).assertNoServerErrors();
            return;
        }
        Camp camp = context.getStore(NS).remove(CAMP, Camp.class);
        if (camp != null) {
            camp.close();
        }
    }

    private static Camp camp(ExtensionContext context) {
        Camp camp = context.getStore(NS).get(CAMP, Camp.class);
        if (camp == null) {
            throw new ParameterResolutionException(
                    "no camp is running here (a perClass() camp is not there in @BeforeAll"
                            + " of a non-static field, a per-test one not in @BeforeAll)");
        }
        return camp;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Camp.class
                || type == FakeDiscord.class
                || type == RunningBot.class
                || type == Clock.class
                || type == MutableClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Camp camp = camp(context);
        if (type == Camp.class) {
            return camp;
        }
        if (type == FakeDiscord.class) {
            return camp.fake();
        }
        if (type == RunningBot.class) {
            return camp.bot();
        }
        if (type == MutableClock.class) {
            if (!(camp.clock() instanceof MutableClock m)) {
                throw new ParameterResolutionException("the bot runs on " + camp.clock() + ", not a MutableClock");
            }
            return m;
        }
        return camp.clock();
    }

    /** How the camp of a test (or class) is started. */
    public static final class Builder {
        private boolean perClass;
        private boolean awaitCommands = true;
        private boolean noServerErrors;
        private boolean startBot = true;
        private Duration timeout = Camp.WAIT;
        private Supplier<CampConfig> config = TestConfig::load;
        private Supplier<? extends Clock> clock = Clock::systemUTC;
        private Supplier<String> database;
        private Consumer<FakeDiscord> beforeStart = fake -> {};

        private Builder() {}

        /** One camp for the whole class; the field must be static. */
        public Builder perClass() {
            perClass = true;
            return this;
        }

        /** The config the bot starts with (read when each camp starts, so it may use the test's fields). */
        public Builder config(Supplier<CampConfig> config) {
            this.config = config;
            return this;
        }

        /** The bot's clock (read when each camp starts). */
        public Builder clock(Supplier<? extends Clock> clock) {
            this.clock = clock;
            return this;
        }

        /** A {@link MutableClock} starting now. */
        public Builder mutableClock() {
            return clock(() -> new MutableClock(Instant.now()));
        }

        /** The database's JDBC URL, e.g. {@code TestPostgres::freshDatabase}; default: an H2 file in a temp folder. */
        public Builder database(Supplier<String> jdbcUrl) {
            this.database = jdbcUrl;
            return this;
        }

        /** What to do to the fake before the bot starts (members, channels, faults). */
        public Builder beforeStart(Consumer<FakeDiscord> setup) {
            this.beforeStart = setup;
            return this;
        }

        /** Start only the fake; the test starts the bot with {@link Camp#start} (e.g. with its own config). */
        public Builder noBot() {
            startBot = false;
            return this;
        }

        /** Do not wait for the bot's command registration before the test. */
        public Builder noCommandWait() {
            awaitCommands = false;
            return this;
        }

        /** After each test, assert that the fake saw no server error. */
        public Builder noServerErrors() {
            noServerErrors = true;
            return this;
        }

        /** How long the helpers wait for an answer (default 15 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public BotExtension build() {
            return new BotExtension(this);
        }

        private Camp open() {
            Camp camp = Camp.open(
                    new Camp.Setup(
                            config.get(),
                            clock.get(),
                            database == null ? null : database.get(),
                            timeout,
                            awaitCommands,
                            noServerErrors),
                    beforeStart);
            if (startBot) {
                try {
                    camp.start();
                } catch (RuntimeException | Error e) {
                    camp.close();
                    throw e;
                }
            }
            return camp;
        }
    }
}
