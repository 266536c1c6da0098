/**
 * The program file's moments as rows, synced at start, and {@code ProgramPart} (a feature whose moments
 * come from that file).
 */
package org.campops.program;
