package org.campops.doctor;

import java.util.List;
import java.util.Optional;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.feature.Context;
import org.campops.feature.Feature;

/** {@code /doctor} (organizers): the checks of {@code campops doctor} against the live server, shown to the caller. */
public final class DoctorFeature {
    private DoctorFeature() {}

    public static Feature create(Context ctx) {
        Doctor doctor = ctx.provide(Doctor.class, new Doctor(ctx.db(), ctx.outbox(), ctx.config()));
        return Feature.named("doctor")
                .command(CommandSpec.leaf("doctor", Role.ORGANIZER, inv -> answer(doctor, inv)))
                .build();
    }

    private static Reply answer(Doctor doctor, Invocation inv) {
        Optional<List<Finding>> findings = doctor.check();
        return findings.isEmpty()
                ? Reply.ephemeral(inv.text("doctor.offline"))
                : Reply.ephemeral(Doctor.report(findings.get(), inv.locale(), true));
    }
}
