package org.campops.qa;

import java.nio.file.Path;
import java.util.Optional;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.qa.search.IndexFolderInUse;
import org.campops.qa.search.QuestionIndex;
import org.campops.qa.search.SearchWarmUp;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /ask and /qa: questions in the Q&A forum, their threads, search, follow-up digests. */
public final class QaFeature {
    private static final Logger LOG = LoggerFactory.getLogger(QaFeature.class);
    /** The saved search index's folder is the H2 file's name with this added ({@code campops.qa-index}). */
    public static final String INDEX_SUFFIX = ".qa-index";

    private QaFeature() {}

    /**
     * Loads and compiles the search's analysis ({@link SearchWarmUp}): the real index then opens in milliseconds and
     * re-indexes what changed at full speed. For a thread of its own at start.
     */
    public static void preload() {
        SearchWarmUp.run();
    }

    /**
     * The search index, saved where it can be so a start re-indexes only what changed ({@link QaIndexing}): beside an
     * H2 file database; for PostgreSQL in {@code indexFolder} (qa.indexFolder), one folder per database below it. In
     * memory only, built at every start: an in-memory H2, an empty {@code indexFolder}, or a folder that another
     * instance on this machine has open (each instance keeps its own).
     */
    static QuestionIndex openIndex(Database db, String indexFolder) {
        Optional<Path> h2 = db.h2File();
        if (h2.isPresent()) {
            return QuestionIndex.open(h2.get().resolveSibling(h2.get().getFileName() + INDEX_SUFFIX));
        }
        if (db.vendor() != Database.Vendor.POSTGRESQL || indexFolder.isBlank()) {
            return new QuestionIndex();
        }
        Path folder = Path.of(indexFolder.strip())
                .toAbsolutePath()
                .resolve(db.inTransaction(new QaIndexRepository()::databaseId));
        try {
            return QuestionIndex.open(folder);
        } catch (IndexFolderInUse e) {
            LOG.warn(
                    "the Q&A search index folder {} is in use by another instance: this one keeps its index in memory"
                            + " and builds it at every start (give each instance its own qa.indexFolder)",
                    folder);
            return new QuestionIndex();
        }
    }

    public static Feature create(Context ctx) {
        QuestionIndex index = openIndex(ctx.db(), ctx.config().qa().indexFolder());
        QaService qa =
                ctx.provide(QaService.class, new QaService(ctx.db(), index, ctx.outbox(), ctx.clock(), ctx.config()));
        QaCommands commands = new QaCommands(qa);
        return Feature.named("qa")
                .command(commands.askSpec())
                .command(commands.qaSpec())
                .action(commands.markAnswerAction())
                .components(QaCommands.FEATURE, commands::onComponent)
                .listener(qa.threads())
                .moments(new QaDigests(qa, ctx.moments(), ctx.clock()))
                .atStart(qa.indexing()::atStart)
                .closing(qa.indexing())
                .closing(index)
                .export(QaExport.export(ctx.db(), ctx.config()))
                .build();
    }
}
