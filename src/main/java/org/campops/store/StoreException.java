package org.campops.store;

import java.sql.SQLException;

/** A database failure that callers cannot fix; unchecked so services stay readable. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
