/**
 * What a feature is ({@code Feature}: its commands, handlers, moments, exports, imports, contributions) and
 * what it is built from ({@code Context}).
 */
package org.campops.feature;
