package org.campops.chat;

import java.util.Locale;

/**
 * A camp role; a higher role may do everything a lower one may. {@link #EVERYONE} is only ever
 * required (a command open to every member of the camp's server), never held.
 */
public enum Role {
    EVERYONE,
    CAMPER,
    MENTOR,
    ORGANIZER;

    /** Whether someone holding this role satisfies {@code required}. */
    public boolean covers(Role required) {
        return required == EVERYONE || ordinal() >= required.ordinal();
    }

    /** A role a member can hold, by name (camper, mentor, organizer); anything else is refused. */
    public static Role held(String name) {
        Role role = valueOf(name.toUpperCase(Locale.ROOT));
        if (role == EVERYONE) {
            throw new IllegalArgumentException("not a role a member holds: " + name);
        }
        return role;
    }
}
