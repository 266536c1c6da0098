package org.campops.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.setup.Need.Access;
import org.campops.setup.Need.ConfigFile;
import org.campops.setup.Need.Kind;
import org.jspecify.annotations.Nullable;

/** What a camp needs on its server, from its config: the names each thing may go by in Korean and English. */
final class Needs {
    static final String ANNOUNCEMENTS = "channel announcements";

    private Needs() {}

    /**
     * The roles, channels, the Q&A forum, the team category, and one discussion board per name under
     * {@code channels:} of program.yaml ({@code boards}: name to the id it holds now).
     */
    static List<Need> of(CampConfig config, Map<String, String> boards) {
        boolean ko = config.camp().locale().getLanguage().equals(Locale.KOREAN.getLanguage());
        CampConfig.Roles roles = config.discord().roles();
        CampConfig.Channels channels = config.discord().channels();
        List<Need> out = new ArrayList<>();
        out.add(role("camper", roles.camper(), ko ? "캠퍼" : "Campers", "캠퍼", "camper", "campers", "교육생"));
        out.add(role("mentor", roles.mentor(), ko ? "멘토" : "Mentors", "멘토", "mentor", "mentors"));
        out.add(role(
                "organizer",
                roles.organizer(),
                ko ? "운영진" : "Organizers",
                "운영진",
                "운영",
                "organizer",
                "organizers",
                "staff"));
        out.add(channel(
                ANNOUNCEMENTS,
                Kind.TEXT,
                Access.ANNOUNCEMENTS,
                channels.announcements(),
                List.of("discord", "channels", "announcements"),
                ko ? "공지" : "announcements",
                "공지",
                "공지사항",
                "announcement",
                "announcements"));
        out.add(channel(
                "channel mentors",
                Kind.TEXT,
                Access.MENTORS,
                channels.mentors(),
                List.of("discord", "channels", "mentors"),
                ko ? "멘토" : "mentors",
                "멘토",
                "멘토방",
                "멘토진",
                "mentor",
                "mentors"));
        out.add(channel(
                "channel organizers",
                Kind.TEXT,
                Access.ORGANIZERS,
                channels.organizers(),
                List.of("discord", "channels", "organizers"),
                ko ? "운영진" : "organizers",
                "운영진",
                "운영",
                "organizer",
                "organizers",
                "staff"));
        out.add(channel(
                "forum qa",
                Kind.QA,
                Access.EVERYONE,
                config.qa().channel(),
                List.of("qa", "channel"),
                ko ? "질문" : "questions",
                "질문",
                "질문답변",
                "질의응답",
                "qa",
                "qna",
                "qanda",
                "question",
                "questions"));
        CampConfig.MentoringSettings mentoring = config.mentoring();
        out.add(channel(
                "category teams",
                Kind.CATEGORY,
                Access.EVERYONE,
                mentoring == null ? null : mentoring.teamCategory(),
                List.of("mentoring", "teamCategory"),
                ko ? "팀" : "Teams",
                "팀",
                "팀채널",
                "team",
                "teams"));
        boards.forEach((name, id) -> out.add(new Need(
                "board " + name,
                Kind.BOARD,
                List.of(name),
                name,
                Access.EVERYONE,
                id,
                ConfigFile.PROGRAM,
                List.of("channels", name))));
        return out;
    }

    private static Need role(String what, @Nullable String id, String createName, String... names) {
        return new Need(
                "role " + what,
                Kind.ROLE,
                List.of(names),
                createName,
                Access.EVERYONE,
                id,
                ConfigFile.CAMP,
                List.of("discord", "roles", what));
    }

    private static Need channel(
            String key,
            Kind kind,
            Access access,
            @Nullable String id,
            List<String> path,
            String createName,
            String... names) {
        return new Need(key, kind, List.of(names), createName, access, id, ConfigFile.CAMP, path);
    }
}
