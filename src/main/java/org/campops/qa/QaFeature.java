package org.campops.qa;

import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.qa.search.QuestionIndex;
import org.campops.qa.search.SearchWarmUp;

/** /ask and /qa: questions in the Q&A forum, their threads, search, follow-up digests. */
public final class QaFeature {
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

    public static Feature create(Context ctx) {
        // Beside an H2 file database the index is saved, so a start re-indexes only what changed (QaIndexing).
        QuestionIndex index = ctx.db()
                .h2File()
                .map(file -> QuestionIndex.open(file.resolveSibling(file.getFileName() + INDEX_SUFFIX)))
                .orElseGet(QuestionIndex::new);
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
                .export(QaExport.export(qa, ctx.config()))
                .build();
    }
}
