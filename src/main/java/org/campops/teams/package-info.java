/**
 * {@code /team} and {@code campops import roster}: teams, their campers and mentor, their private channels.
 */
package org.campops.teams;
