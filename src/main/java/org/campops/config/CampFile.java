package org.campops.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What config/campops.yaml holds beside {@link CampConfig}'s own keys: the name of the program file (relative to
 * the config file), read into {@link CampConfig#program()} by {@link ConfigLoader}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CampFile(String program) {}
