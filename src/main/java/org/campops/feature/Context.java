package org.campops.feature;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.campops.chat.Notifier;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.program.ProgramMoments;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.campops.time.WhenParser;

/**
 * What features are built from: the shared infrastructure, and the services features made before
 * (a feature that needs another's service asks for it by type, e.g. mentoring asks for
 * {@code TeamService}; the order of the app's feature list is the order they are made in), and the
 * features themselves once added ({@link #contributions(Class)}: what they contribute to one another).
 */
public final class Context {
    private final Database db;
    private final Moments moments;
    private final ProgramMoments program;
    private final Outbox outbox;
    private final Notifier notifier;
    private final Clock clock;
    private final CampConfig config;
    private final WhenParser when;
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final List<Feature> features = new CopyOnWriteArrayList<>();

    public Context(
            Database db,
            Moments moments,
            ProgramMoments program,
            Outbox outbox,
            Notifier notifier,
            Clock clock,
            CampConfig config) {
        this.db = db;
        this.moments = moments;
        this.program = program;
        this.outbox = outbox;
        this.notifier = notifier;
        this.clock = clock;
        this.config = config;
        this.when = new WhenParser(config.camp().zone());
    }

    public Database db() {
        return db;
    }

    public Moments moments() {
        return moments;
    }

    public ProgramMoments program() {
        return program;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Notifier notifier() {
        return notifier;
    }

    public Clock clock() {
        return clock;
    }

    public CampConfig config() {
        return config;
    }

    public WhenParser when() {
        return when;
    }

    /** Makes {@code service} available to the features made after this one (and to the app). */
    public <T> T provide(Class<T> type, T service) {
        if (services.putIfAbsent(type, service) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is provided twice");
        }
        return service;
    }

    /** A service an earlier feature provided; a feature listed too early fails here at start. */
    public <T> T service(Class<T> type) {
        Object s = services.get(type);
        if (s == null) {
            throw new IllegalStateException(type.getSimpleName() + " is not provided yet: list its feature earlier");
        }
        return type.cast(s);
    }

    /** The app adds each feature once made, in its list's order. */
    public void add(Feature feature) {
        features.add(feature);
    }

    /** The features added so far, in order. */
    public List<Feature> features() {
        return List.copyOf(features);
    }

    /**
     * Every feature's contributions to the extension point {@code type}, read when asked (so those of features listed
     * after the consumer count too; ask after start, not while features are being made).
     */
    public <T> Supplier<List<T>> contributions(Class<T> type) {
        return () ->
                features.stream().flatMap(f -> f.contributions(type).stream()).toList();
    }

    /** A service only when it is provided (optional collaborations). */
    public <T> Supplier<T> later(Class<T> type) {
        return () -> service(type);
    }
}
