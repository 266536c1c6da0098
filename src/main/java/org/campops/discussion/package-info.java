/** {@code /prompt} and the competition discussion board: weekly prompts and the mentors' weekly post. */
package org.campops.discussion;
