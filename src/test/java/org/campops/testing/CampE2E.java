package org.campops.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end-to-end test class: each test gets the fake Discord and the real bot started on it (test config, a file H2
 * database of its own), stopped after it, and can take them as parameters ({@link Camp}, {@code FakeDiscord},
 * {@code RunningBot}, {@code Clock}/{@link MutableClock}). For a special config, clock, database or fake setup, use a
 * {@code @RegisterExtension BotExtension} field built with {@link BotExtension#builder()} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BotExtension.class)
public @interface CampE2E {
    /** One bot for all the tests of the class (started before the first, stopped after the last). */
    boolean perClass() default false;

    /** The bot runs on a {@link MutableClock} (starting now) instead of the system clock. */
    boolean mutableClock() default false;

    /** Wait until the bot registered its commands before the test starts. */
    boolean awaitCommands() default true;

    /** After each test, assert that the fake Discord saw no server error (a request it could not handle). */
    boolean noServerErrors() default false;
}
