package org.campops.chat;

import java.util.Set;

/** The member who typed a command, with their camp roles resolved from config. */
public record Caller(String userId, String displayName, Set<Role> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Whether any of this member's roles satisfies {@code required} ({@link Role#EVERYONE}: anyone, no role). */
    public boolean has(Role required) {
        if (required == Role.EVERYONE) {
            return true;
        }
        return roles.stream().anyMatch(r -> r.covers(required));
    }
}
