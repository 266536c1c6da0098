package org.campops.qa.search;

/**
 * One search result.
 *
 * @param id    id of the matching question
 * @param score relevance score; only comparable within one result list (for {@code search} a boosted
 *              BM25 score, for {@code similar} a cosine similarity in [0, 1])
 */
public record SearchHit(long id, double score) {}
