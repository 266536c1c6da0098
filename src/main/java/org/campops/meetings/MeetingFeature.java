package org.campops.meetings;

import org.campops.duties.DutySource;
import org.campops.feature.Context;
import org.campops.feature.Feature;

/** Staff meetings and material deadlines of the program file: reminders to who they are for. */
public final class MeetingFeature {
    private MeetingFeature() {}

    public static Feature create(Context ctx) {
        Meetings meetings =
                ctx.provide(Meetings.class, new Meetings(ctx.config(), ctx.outbox(), ctx.program()::program));
        return Feature.named("meetings")
                .programPart(meetings.meetingReminders())
                .programPart(meetings.deadlineReminders())
                .contribute(
                        DutySource.class,
                        new MeetingDuties(
                                meetings, ctx.clock(), ctx.config().camp().zone()))
                .build();
    }
}
