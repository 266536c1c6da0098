/**
 * {@code campops setup}: what a camp needs on its Discord server ({@link org.campops.setup.Need}), found by id or by
 * name, planned ({@link org.campops.setup.Plan}), created through a {@link org.campops.setup.SetupPort} (the JDA side
 * lives in {@code discord}) and written into the config files ({@link org.campops.setup.YamlEdit}: comments and the
 * keys it does not set are kept). Knows no Discord client library.
 */
package org.campops.setup;
