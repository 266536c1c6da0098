/**
 * {@code /mentoring}: weekly sessions per team, their reminders, attendance, anonymous feedback and notes,
 * and their export.
 */
package org.campops.mentoring;
