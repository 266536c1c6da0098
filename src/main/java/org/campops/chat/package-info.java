/**
 * The platform-neutral chat core (JDK only): commands as data, the router with its role and option checks,
 * replies, texts and bundles, the transport port under the outbox.
 */
package org.campops.chat;
