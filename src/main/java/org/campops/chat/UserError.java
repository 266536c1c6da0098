package org.campops.chat;

import org.jspecify.annotations.Nullable;

/** A problem with what the member typed; the router turns it into an ephemeral, localized reply. */
public final class UserError extends RuntimeException {
    private final String key;
    private final transient Object[] args;

    public UserError(String key, @Nullable Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
