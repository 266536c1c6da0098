/**
 * The HTTP server (Javalin): health, metrics and members' calendar feeds; knows neither JDA nor the
 * features.
 */
package org.campops.web;
