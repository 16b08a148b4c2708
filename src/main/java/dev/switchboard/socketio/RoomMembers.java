package dev.switchboard.socketio;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of one room, kept as compactly as the room's size allows. Most rooms hold one or two
 * sockets (a user's tabs), and a concurrent set costs about 200 bytes even when it holds one: a
 * small room is an immutable set replaced on every change, and only a room that grows past
 * {@link #SMALL} members becomes a concurrent set changed in place (so that thousands joining one
 * room stay linear). Both are safe to iterate while members come and go.
 *
 * <p>The functions are meant for {@link java.util.concurrent.ConcurrentHashMap#compute}, which runs
 * them one at a time per room: they return the room's new member set, or {@code null} when it is
 * empty.
 */
final class RoomMembers {
    /** The most members a room holds in an immutable set. */
    static final int SMALL = 8;

    private RoomMembers() {}

    /** The members of {@code members} (null: none) with {@code socket} added. */
    static Set<SioSocket> with(Set<SioSocket> members, SioSocket socket) {
        if (members == null) return Set.of(socket);
        if (isConcurrent(members)) {
            members.add(socket);
            return members;
        }
        if (members.contains(socket)) return members;
        if (members.size() < SMALL) {
            SioSocket[] grown = members.toArray(new SioSocket[members.size() + 1]);
            grown[members.size()] = socket;
            return Set.of(grown);
        }
        Set<SioSocket> large = ConcurrentHashMap.newKeySet(2 * SMALL);
        large.addAll(members);
        large.add(socket);
        return large;
    }

    /** The members of {@code members} (null: none) without {@code socket}; null when none is left. */
    static Set<SioSocket> without(Set<SioSocket> members, SioSocket socket) {
        if (members == null) return null;
        if (isConcurrent(members)) {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        }
        if (!members.contains(socket)) return members;
        if (members.size() == 1) return null;
        SioSocket[] rest = new SioSocket[members.size() - 1];
        int i = 0;
        for (SioSocket member : members) {
            if (member != socket) rest[i++] = member;
        }
        return Set.of(rest);
    }

    /** Whether the set is a large room's, changed in place (a small room's is replaced, never changed). */
    static boolean isConcurrent(Set<SioSocket> members) {
        return members instanceof ConcurrentHashMap.KeySetView;
    }
}
