package org.campops.qa.search;

import java.nio.file.Path;

/** {@link QuestionIndex#open}: another process (or another index of this one) has the folder open. */
public final class IndexFolderInUse extends RuntimeException {
    private final transient Path folder;

    IndexFolderInUse(Path folder) {
        super("the search index folder " + folder + " is in use by another process");
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }
}
