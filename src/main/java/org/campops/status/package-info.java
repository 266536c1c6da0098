/** {@code /status}: how delivery through the outbox is doing, with failures for organizers to see. */
package org.campops.status;
