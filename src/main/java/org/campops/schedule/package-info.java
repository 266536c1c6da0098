/**
 * Scheduled moments on Quartz: what a feature implements ({@code MomentSource}), planning, restore at
 * start, the one job.
 */
package org.campops.schedule;
