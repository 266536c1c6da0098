/**
 * Members who leave, are kicked or banned lose their team, channel access and calendar feed; the organizers
 * are told.
 */
package org.campops.departures;
