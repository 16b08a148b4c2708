package dev.switchboard.socketio;

import java.util.HashSet;
import java.util.Set;

/** A broadcast being addressed: rooms to reach and sockets to skip. The packet is encoded once. */
public final class Broadcast {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> exceptSocketIds;

    Broadcast(Namespace namespace, Set<String> rooms, Set<String> exceptSocketIds) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.exceptSocketIds = exceptSocketIds;
    }

    /** Also reach the members of these rooms. */
    public Broadcast to(String... more) {
        Set<String> all = new HashSet<>(rooms);
        all.addAll(Set.of(more));
        return new Broadcast(namespace, all, exceptSocketIds);
    }

    /** Skip these sockets. */
    public Broadcast except(String... socketIds) {
        Set<String> all = new HashSet<>(exceptSocketIds);
        all.addAll(Set.of(socketIds));
        return new Broadcast(namespace, rooms, all);
    }

    /** Emits and returns how many sockets it was sent to. */
    public int emit(String event, Object... args) {
        SioEncoder.Encoded packet = namespace.encodeEvent(event, args, -1);
        if (rooms.size() == 1) {
            int count = 0;
            for (SioSocket socket : namespace.members(rooms.iterator().next())) {
                if (!exceptSocketIds.contains(socket.id())) {
                    namespace.deliver(socket, packet);
                    count++;
                }
            }
            return count;
        }
        Set<SioSocket> targets = new HashSet<>();
        for (String room : rooms) targets.addAll(namespace.members(room));
        targets.removeIf(s -> exceptSocketIds.contains(s.id()));
        targets.forEach(s -> namespace.deliver(s, packet));
        return targets.size();
    }
}
