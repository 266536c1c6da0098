package org.campops.chat;

/** A problem with what the member typed; the router turns it into an ephemeral, localized reply. */
public final class UserError extends RuntimeException {
    private final String key;
    private final transient Object[] args;

    public UserError(String key, Object... args) {
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
