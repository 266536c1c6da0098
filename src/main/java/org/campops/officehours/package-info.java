/**
 * {@code /officehours}: live sessions with announcements, scheduled events, RSVPs, reminders and agendas of
 * open questions.
 */
package org.campops.officehours;
