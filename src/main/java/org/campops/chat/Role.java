package org.campops.chat;

/** A camp role; a higher role may do everything a lower one may. */
public enum Role {
    CAMPER, MENTOR, ORGANIZER;

    /** Whether someone holding this role satisfies {@code required}. */
    public boolean covers(Role required) {
        return required == null || ordinal() >= required.ordinal();
    }
}
