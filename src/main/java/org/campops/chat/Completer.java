package org.campops.chat;

import java.util.List;

/** Suggests values for an option while the member types (Discord shows at most 25). */
@FunctionalInterface
public interface Completer {
    List<Choice> complete(Invocation partial, String typed);
}
