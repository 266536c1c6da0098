/**
 * {@code /wrapup} and {@code campops import wrapup}: wrap-up report reviews after each competition, daily
 * digests, the late report.
 */
package org.campops.wrapup;
