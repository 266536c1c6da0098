/** The database: pool and Flyway migrations (H2 or PostgreSQL), JDBC helpers, the gateway's session lock. */
package org.campops.store;
