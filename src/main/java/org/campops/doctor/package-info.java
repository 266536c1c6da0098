/**
 * {@code campops doctor}, the same checks at {@code campops run} and {@code /doctor}: a configuration checked against
 * the live Discord server ({@link ServerFacts}, read by {@code discord.JdaServerFacts}), one {@link Finding} per check.
 */
package org.campops.doctor;
