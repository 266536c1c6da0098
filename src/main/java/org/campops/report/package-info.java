/**
 * The weekly operations report: figures of one camp week (Q&A, mentoring, duties, office hours), their charts, CSV and
 * text summary, posted to the organizers' channel and exported.
 */
package org.campops.report;
