/**
 * {@code campops.yaml} and {@code program.yaml}: loaded, bound and checked with every problem named by
 * file, line and key.
 */
package org.campops.config;
