package org.campops.duties;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.campops.chat.Choice;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;

/** /duties mine|board|done: mentors' checklists for this week. */
public final class DutiesCommands {
    private final DutiesService duties;
    private final Supplier<List<ManualDuty>> markable;

    /** {@code markable}: the duties marked done by hand ({@code /duties done duty:}), read when asked. */
    public DutiesCommands(DutiesService duties, Supplier<List<ManualDuty>> markable) {
        this.duties = duties;
        this.markable = markable;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "duties",
                CommandSpec.leaf("mine", Role.MENTOR, this::mine),
                CommandSpec.leaf("board", Role.ORGANIZER, this::board, OptionSpec.integer("page", false)),
                CommandSpec.leaf(
                        "done",
                        Role.MENTOR,
                        this::done,
                        OptionSpec.text("duty", true, 40)
                                .completedBy((inv, typed) -> markable.get().stream()
                                        .map(d -> new Choice(d.name(), d.name()))
                                        .toList())));
    }

    private String line(Duty d, Invocation inv) {
        return inv.text("duties.status." + d.status().name()) + " " + d.label();
    }

    private Reply mine(Invocation inv) {
        LocalDate week = duties.thisWeek();
        List<Duty> list = duties.of(inv.caller().userId(), week, inv.locale());
        if (list.isEmpty()) {
            return Reply.ephemeral(
                    inv.text("duties.mine.header", week.toString()) + "\n" + inv.text("duties.mine.none"));
        }
        StringBuilder sb = new StringBuilder(inv.text("duties.mine.header", week.toString()));
        for (Duty d : list) {
            sb.append("\n- ").append(line(d, inv));
        }
        return Reply.ephemeral(Texts.clip(sb.toString(), Texts.MAX_MESSAGE));
    }

    /** One page of the board: mentors' lines within Discord's 2,000 characters. */
    private Reply board(Invocation inv) {
        LocalDate week = duties.thisWeek();
        List<DutiesService.Row> rows = duties.board(week, inv.locale());
        if (rows.isEmpty()) {
            return Reply.ephemeral(inv.text("duties.board.none"));
        }
        List<String> blocks = new ArrayList<>();
        for (DutiesService.Row r : rows) {
            StringBuilder b = new StringBuilder(inv.text(
                    "duties.board.row",
                    Texts.mention(r.mentorId()),
                    r.count(Duty.Status.LATE),
                    r.count(Duty.Status.OPEN),
                    r.count(Duty.Status.DONE)));
            for (Duty d : r.duties()) {
                if (d.status() == Duty.Status.LATE || d.status() == Duty.Status.OPEN) {
                    b.append("\n  - ").append(line(d, inv));
                }
            }
            blocks.add(Texts.clip(b.toString(), 900));
        }
        List<List<String>> pages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int size = 0;
        for (String block : blocks) {
            if (!current.isEmpty() && size + block.length() + 1 > Texts.MAX_MESSAGE - 150) {
                pages.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(block);
            size += block.length() + 1;
        }
        pages.add(current);
        long page = inv.option("page").map(Long::parseLong).orElse(1L);
        if (page < 1 || page > pages.size()) {
            throw new UserError("duties.board.badPage", pages.size());
        }
        String text = inv.text("duties.board.header", week.toString(), page, pages.size()) + "\n"
                + String.join("\n", pages.get((int) page - 1));
        return Reply.ephemeral(text);
    }

    private Reply done(Invocation inv) {
        String duty = inv.option("duty").orElse("");
        List<ManualDuty> manual = markable.get();
        ManualDuty marked = manual.stream()
                .filter(d -> d.name().equals(duty))
                .findFirst()
                .orElseThrow(() -> new UserError(
                        "duties.error.unknownDuty",
                        Texts.printable(duty, 40),
                        String.join(", ", manual.stream().map(ManualDuty::name).toList())));
        LocalDate week = marked.markDone().apply(inv.caller());
        return Reply.ephemeral(inv.text("duties.marked", week.toString(), Texts.printable(duty, 40)));
    }
}
