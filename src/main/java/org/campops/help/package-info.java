/** {@code /help}: the commands and actions a member may use, in their language. */
package org.campops.help;
