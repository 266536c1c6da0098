package org.campops.store;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/** A database failure that callers cannot fix; unchecked so services stay readable. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(JdbiException cause) {
        super(cause.getMessage(), cause);
    }
}
