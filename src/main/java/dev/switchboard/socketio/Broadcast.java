package dev.switchboard.socketio;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A broadcast being addressed: rooms to reach (or every socket), sockets to skip and an optional filter. The packet
 * is encoded once, and only if someone is to receive it; every socket gets it at most once.
 */
public final class Broadcast {
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
        Collection<SioSocket> targets;
        if (rooms == null) {
            targets = namespace.connected();
        } else if (rooms.size() == 1) {
            targets = namespace.members(rooms.iterator().next());
        } else {
            targets = new HashSet<>();
            for (String room : rooms) targets.addAll(namespace.members(room));
        }
        SioEncoder.Encoded packet = null;
        int count = 0;
        for (SioSocket socket : targets) {
            if (exceptSocketIds.contains(socket.id()) || (filter != null && !filter.test(socket))) continue;
            if (packet == null) packet = namespace.encodeEvent(event, args, -1);
            namespace.deliver(socket, packet);
            count++;
        }
        return count;
    }
}
