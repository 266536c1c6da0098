/**
 * The outbox: rows written in the cause's transaction, sent once by the dispatcher (leases, retries,
 * per-target order, pacing), retention.
 */
package org.campops.delivery;
