package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;

/**
 * A direct conversation's identity: its type and the unordered pair of its participants (the key of
 * {@link ConversationService}'s cache of direct conversations).
 */
record DirectKey(ConversationType type, UserId first, UserId second) {
    static DirectKey of(ConversationType type, UserId a, UserId b) {
        return a.value().compareTo(b.value()) <= 0 ? new DirectKey(type, a, b) : new DirectKey(type, b, a);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DirectKey other && type == other.type && first.equals(other.first)
                && second.equals(other.second);
    }

    /**
     * Mixed, not the record's {@code 31 * h(first) + h(second)} (and both methods written out, as the
     * record's go through method handles on every send): two ids that differ in the same
     * places (customer "…-c17" and agent "…-a17") make that {@code 32 * h(first)} plus a constant, whose
     * low five bits never change: a hash table put 1,000 such pairs into 202 of its 2,048 slots and
     * searched the crowded ones as trees (docs/performance.md, step 19).
     */
    @Override
    public int hashCode() {
        int h = first.hashCode() * 0x9E3779B9;
        h = (h ^ (h >>> 16)) + second.hashCode();
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13) ^ type.ordinal();
    }
}
