package dev.switchboard.socketio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A broadcast being addressed: rooms to reach (or every socket), sockets to skip and an optional filter. The packet
 * is encoded once, and only if someone is to receive it; every socket gets it at most once.
 */
public final class Broadcast {
    /** Small rooms up to this many are merged by asking the earlier ones; more are collected into one set. */
    private static final int FEW_ROOMS = 4;

    private final Namespace namespace;
    private final Set<String> rooms; // null: every connected socket
    private final Set<String> exceptSocketIds;
    private final Predicate<SioSocket> filter;

    Broadcast(Namespace namespace, Set<String> rooms, Set<String> exceptSocketIds, Predicate<SioSocket> filter) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.exceptSocketIds = exceptSocketIds;
        this.filter = filter;
    }

    /** Also reach the members of these rooms. */
    public Broadcast to(String... more) {
        if (rooms == null) return this; // every socket already
        Set<String> all = new HashSet<>(rooms);
        all.addAll(Set.of(more));
        return new Broadcast(namespace, all, exceptSocketIds, filter);
    }

    /** Skip these sockets. */
    public Broadcast except(String... socketIds) {
        Set<String> all = new HashSet<>(exceptSocketIds);
        all.addAll(Set.of(socketIds));
        return new Broadcast(namespace, rooms, all, filter);
    }

    /** Only sockets that pass this test (and any earlier one). */
    public Broadcast filter(Predicate<SioSocket> test) {
        return new Broadcast(namespace, rooms, exceptSocketIds, filter == null ? test : filter.and(test));
    }

    /** Emits and returns how many sockets it was sent to. */
    public int emit(String event, Object... args) {
        Sending sending = new Sending(event, args);
        if (rooms == null) {
            sending.toEach(namespace.connected(), List.of());
        } else if (rooms.size() == 1) {
            sending.toEach(namespace.members(rooms.iterator().next()), List.of());
        } else {
            List<Set<SioSocket>> memberSets = new ArrayList<>(rooms.size());
            boolean snapshots = rooms.size() <= FEW_ROOMS;
            for (String room : rooms) {
                Set<SioSocket> members = namespace.members(room);
                memberSets.add(members);
                snapshots &= !RoomMembers.isConcurrent(members);
            }
            if (snapshots) {
                // a message's sender and recipients: small rooms, each set an immutable snapshot, so a
                // socket in several is sent to from the first of them by asking the ones before, with no
                // new set of all the members
                for (int i = 0; i < memberSets.size(); i++) sending.toEach(memberSets.get(i), memberSets.subList(0, i));
            } else {
                // a large room's set changes while it is read: collect one snapshot of everyone first
                Set<SioSocket> all = new HashSet<>();
                for (Set<SioSocket> members : memberSets) all.addAll(members);
                sending.toEach(all, List.of());
            }
        }
        return sending.count;
    }

    /** The packet of one emit, encoded at its first receiver, and how many it was sent to. */
    private final class Sending {
        private final String event;
        private final Object[] args;
        private SioEncoder.Encoded packet;
        private int count;

        Sending(String event, Object[] args) {
            this.event = event;
            this.args = args;
        }

        void toEach(Collection<SioSocket> targets, List<Set<SioSocket>> sentBefore) {
            for (SioSocket socket : targets) {
                if (exceptSocketIds.contains(socket.id()) || (filter != null && !filter.test(socket))) continue;
                if (inAny(sentBefore, socket)) continue;
                if (packet == null) packet = namespace.encodeEvent(event, args, -1);
                namespace.deliver(socket, packet);
                count++;
            }
        }
    }

    private static boolean inAny(List<Set<SioSocket>> rooms, SioSocket socket) {
        for (Set<SioSocket> members : rooms) {
            if (members.contains(socket)) return true;
        }
        return false;
    }
}
