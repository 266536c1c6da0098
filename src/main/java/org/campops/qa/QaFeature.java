package org.campops.qa;

import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.qa.search.QuestionIndex;

/** /ask and /qa: questions in the Q&A forum, their threads, search, follow-up digests. */
public final class QaFeature {
    private QaFeature() {}

    public static Feature create(Context ctx) {
        QuestionIndex index = new QuestionIndex();
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
                .atStart(qa::rebuildIndex)
                .closing(index)
                .export(QaExport.export(qa, ctx.config()))
                .build();
    }
}
