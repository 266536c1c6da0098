package org.campops.chat;

import java.util.Objects;

/**
 * A message context-menu action ("Apps > Mark as answer"). The invocation carries the target as
 * options {@code message_id}, {@code message_author_id} and {@code message_content}; its Korean
 * name comes from the bundles under {@code action.<key>.name}.
 */
public record MessageActionSpec(String key, String name, Role requiredRole, Handler handler) {
    public MessageActionSpec {
        Objects.requireNonNull(requiredRole, "requiredRole (Role.EVERYONE when anyone may)");
    }
}
