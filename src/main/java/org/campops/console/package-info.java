/** The terminal front end: Discord-like command lines through the same router, replies and posts printed. */
package org.campops.console;
