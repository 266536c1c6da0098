/**
 * The Discord adapter, the only package that knows JDA: the gateway, interactions in, the transport out,
 * the one camp server.
 */
package org.campops.discord;
