/** Korean and English time expressions read in the camp's zone ({@code WhenParser}). */
package org.campops.time;
