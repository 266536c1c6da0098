/**
 * {@code /ask} and {@code /qa}: questions in the Q&A forum, their threads and answers, search, follow-up
 * digests, stats and export.
 */
package org.campops.qa;
