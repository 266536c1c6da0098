/** {@code /remind}: reminders by DM or in a channel, one scheduled moment each. */
package org.campops.reminders;
