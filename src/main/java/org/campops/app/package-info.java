/**
 * The application: the picocli entry and its subcommands, {@code CampOps} (the list of features, one line
 * each), the running bot, the gateway holder and metrics.
 */
package org.campops.app;
