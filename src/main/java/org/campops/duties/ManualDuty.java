package org.campops.duties;

import java.time.LocalDate;
import java.util.function.Function;
import org.campops.chat.Caller;

/**
 * A duty a mentor marks done by hand ({@code /duties done duty:NAME}); a feature contributes it
 * ({@code Feature.Builder.contribute(ManualDuty.class, ...)}). {@code markDone} returns the week marked.
 */
public record ManualDuty(String name, Function<Caller, LocalDate> markDone) {}
