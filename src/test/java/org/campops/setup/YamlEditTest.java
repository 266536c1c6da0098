package org.campops.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.campops.config.CampConfig;
import org.campops.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line-level editor on the example configs the project ships: only the values set change. */
class YamlEditTest {
    private static final Path CAMP = Path.of("config/campops.yaml");
    private static final Path PROGRAM = Path.of("config/program.yaml");

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }

    /** The lines of {@code after} that differ from {@code before} (same line count expected). */
    private static List<String> changedLines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        assertThat(b).hasSameSizeAs(a);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                out.add(b[i]);
            }
        }
        return out;
    }

    @Test
    void replacesOnlyTheValuesKeepingCommentsAndAlignment() throws Exception {
        String before = read(CAMP);
        YamlEdit edit = new YamlEdit(before);
        edit.set(List.of("discord", "guildId"), "1190000000000000001");
        edit.set(List.of("discord", "roles", "mentor"), "1190000000000000102");
        edit.set(List.of("qa", "channel"), "1190000000000000307");
        edit.set(List.of("mentoring", "teamCategory"), "1190000000000000500");

        assertThat(changedLines(before, edit.text()))
                .containsExactly(
                        "  guildId: \"1190000000000000001\"  # the camp's server",
                        "    mentor: \"1190000000000000102\"",
                        "  channel: \"1190000000000000307\"  # Q&A forum channel (questions become posts) or a text"
                                + " channel (questions get threads)",
                        "  teamCategory: \"1190000000000000500\"   # category the bot creates private team channels"
                                + " under (leave out: top level)");
        assertThat(edit.get(List.of("discord", "roles", "mentor"))).isEqualTo("1190000000000000102");
    }

    @Test
    void settingTheValueItHoldsChangesNothing() throws Exception {
        String before = read(CAMP);
        YamlEdit edit = new YamlEdit(before);
        edit.set(List.of("discord", "guildId"), "100000000000000001");
        edit.set(List.of("officeHours", "channel"), "300000000000000002");
        assertThat(edit.text()).isEqualTo(before);
    }

    @Test
    void aMissingKeyIsAddedAfterItsSiblingsAndAMissingSectionAtTheEnd() throws Exception {
        String before = read(CAMP).replace("  teamCategory: \"300000000000000010\"", "  # teamCategory: none");
        YamlEdit edit = new YamlEdit(before);
        edit.set(List.of("mentoring", "teamCategory"), "42000000000000001");
        String after = edit.text();
        assertThat(after)
                .contains(
                        "  weeksWithoutStage: 12                # how long a series runs when no stages are configured\n"
                                + "  teamCategory: \"42000000000000001\"\n\nhttp:");
        assertThat(after.replace("  teamCategory: \"42000000000000001\"\n", "")).isEqualTo(before);

        String noMentoring =
                before.substring(0, before.indexOf("mentoring:")) + before.substring(before.indexOf("http:"));
        YamlEdit added = new YamlEdit(noMentoring);
        added.set(List.of("mentoring", "teamCategory"), "42000000000000001");
        assertThat(added.text()).isEqualTo(noMentoring + "mentoring:\n  teamCategory: \"42000000000000001\"\n");
    }

    @Test
    void programChannelsAreSetAndAddedUnderChannels() throws Exception {
        String before = read(PROGRAM);
        YamlEdit edit = new YamlEdit(before);
        assertThat(edit.scalars(List.of("channels")))
                .containsExactly(
                        java.util.Map.entry("cv-discussion", "300000000000000020"),
                        java.util.Map.entry("nlp-discussion", "300000000000000021"));
        edit.set(List.of("channels", "cv-discussion"), "1190000000000000601");
        edit.set(List.of("channels", "final-discussion"), "1190000000000000602");
        String after = edit.text();
        assertThat(after)
                .contains("  cv-discussion: \"1190000000000000601\"     # forum (or text) channel of the CV"
                        + " competitions' discussion board\n  nlp-discussion: \"300000000000000021\"\n"
                        + "  final-discussion: \"1190000000000000602\"\n\nstages:");
        assertThat(after.replace("  final-discussion: \"1190000000000000602\"\n", "")
                        .replace("\"1190000000000000601\"", "\"300000000000000020\""))
                .isEqualTo(before);
    }

    @Test
    void aKeyWithNothingUnderItGetsItsEntriesOnTheNextLines() {
        YamlEdit edit = new YamlEdit("channels:   # names for channels\nstages: []\n");
        edit.set(List.of("channels", "cv-discussion"), "123456");
        assertThat(edit.text())
                .isEqualTo("channels:   # names for channels\n  cv-discussion: \"123456\"\nstages: []\n");

        YamlEdit empty = new YamlEdit("a:\n  b:\n");
        empty.set(List.of("a", "b"), "7");
        assertThat(empty.text()).isEqualTo("a:\n  b: \"7\"\n");
    }

    @Test
    void aFlowMappingIsEditedInPlaceButNotExtended() {
        YamlEdit edit = new YamlEdit("discord: {guildId: '1', roles: {camper: \"2\"}}\n");
        edit.set(List.of("discord", "roles", "camper"), "99999");
        assertThat(edit.text()).isEqualTo("discord: {guildId: '1', roles: {camper: \"99999\"}}\n");
        assertThatThrownBy(() -> edit.set(List.of("discord", "roles", "mentor"), "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discord.roles.mentor");
    }

    @Test
    void theEditedExampleConfigStillLoads(@TempDir Path dir) throws Exception {
        YamlEdit edit = new YamlEdit(read(CAMP));
        edit.set(List.of("discord", "channels", "announcements"), "1190000000000000302");
        edit.set(List.of("mentoring", "teamCategory"), "1190000000000000500");
        Files.writeString(dir.resolve("campops.yaml"), edit.text());
        Files.copy(PROGRAM, dir.resolve("program.yaml"));
        CampConfig config = ConfigLoader.load(dir.resolve("campops.yaml"));
        assertThat(config.discord().channels().announcements()).isEqualTo("1190000000000000302");
        assertThat(config.mentoring().teamCategory()).isEqualTo("1190000000000000500");
        assertThat(config.qa().topics()).hasSize(4);
    }
}
