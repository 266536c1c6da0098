/** The in-memory Lucene index of questions (Nori Korean analyzer), rebuilt from the database at start. */
package org.campops.qa.search;
