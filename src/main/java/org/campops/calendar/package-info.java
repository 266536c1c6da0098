/** {@code /calendar}: each member's private iCalendar feed behind a random token (only its hash stored). */
package org.campops.calendar;
