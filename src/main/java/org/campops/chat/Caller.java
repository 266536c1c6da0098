package org.campops.chat;

import java.util.Set;

/** The member who typed a command, with their camp roles resolved from config. */
public record Caller(String userId, String displayName, Set<Role> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Whether any of this member's roles satisfies {@code required} (null means anyone). */
    public boolean has(Role required) {
        if (required == null) {
            return true;
        }
        return roles.stream().anyMatch(r -> r.covers(required));
    }
}
