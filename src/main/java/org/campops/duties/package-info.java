/**
 * {@code /duties} and {@code campops export duties}: mentors' checklists of the week over what the other
 * features contribute.
 */
package org.campops.duties;
