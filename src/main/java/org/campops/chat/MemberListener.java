package org.campops.chat;

/** Hears that a member left the camp's server (they left, were kicked or banned), for features that hold their access. */
public interface MemberListener {
    /** {@code name} is what to call them (their user name, or the id when unknown); may come twice for one departure. */
    void onMemberLeft(String userId, String name);
}
