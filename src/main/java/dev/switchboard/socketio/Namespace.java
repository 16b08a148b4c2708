package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO namespace: who may connect ({@link ConnectGuard}), the event handlers every socket
 * of it shares, its connected sockets and its rooms. Handlers are registered before traffic flows.
 */
public final class Namespace {
    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final SocketIoServer server;
    private final String name;
    private volatile ConnectGuard guard = ConnectGuard.ALLOW_ALL;
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private volatile EventHandler fallback;
    private final List<Consumer<SioSocket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<DisconnectListener> disconnectListeners = new CopyOnWriteArrayList<>();
    private final Map<String, SioSocket> sockets = new ConcurrentHashMap<>();
    private final Map<String, Set<SioSocket>> rooms = new ConcurrentHashMap<>(); // values: see RoomMembers

    Namespace(SocketIoServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Called after a socket left its namespace, on its event loop. */
    @FunctionalInterface
    public interface DisconnectListener {
        void onDisconnect(SioSocket socket, String reason);
    }

    public String name() {
        return name;
    }

    SocketIoServer server() {
        return server;
    }

    ConnectGuard guard() {
        return guard;
    }

    public Namespace guard(ConnectGuard guard) {
        this.guard = guard;
        return this;
    }

    public Namespace onConnection(Consumer<SioSocket> listener) {
        connectionListeners.add(listener);
        return this;
    }

    public Namespace onDisconnect(DisconnectListener listener) {
        disconnectListeners.add(listener);
        return this;
    }

    public Namespace on(String event, EventHandler handler) {
        if (handlers.putIfAbsent(event, handler) != null) {
            throw new IllegalStateException("a handler for '" + event + "' is already registered on " + name);
        }
        return this;
    }

    /** Handles every event that has no handler of its own. */
    public Namespace onUnknown(EventHandler handler) {
        this.fallback = handler;
        return this;
    }

    public Optional<SioSocket> socket(String id) {
        return Optional.ofNullable(sockets.get(id));
    }

    public Collection<SioSocket> sockets() {
        return List.copyOf(sockets.values());
    }

    public int size() {
        return sockets.size();
    }

    /** Sockets in a room (a snapshot). */
    public Set<SioSocket> room(String room) {
        Set<SioSocket> members = rooms.get(room);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    /** Whether some socket in the room passes the test (no snapshot is made). */
    public boolean anyInRoom(String room, Predicate<SioSocket> test) {
        for (SioSocket socket : members(room)) {
            if (test.test(socket)) return true;
        }
        return false;
    }

    /** Emits to every socket of the namespace. */
    public void emit(String event, Object... args) {
        all().emit(event, args);
    }

    /** A broadcast to every connected socket (narrowed with {@link Broadcast#filter}). */
    public Broadcast all() {
        return new Broadcast(this, null, Set.of(), null);
    }

    /** The connected sockets as they are (a live view, for a broadcast to all). */
    Collection<SioSocket> connected() {
        return sockets.values();
    }

    /** Emits to the members of the given rooms, each once. */
    public Broadcast to(String... roomNames) {
        Set<String> rooms = roomNames.length == 1 ? Set.of(roomNames[0]) : new HashSet<>(Arrays.asList(roomNames));
        return new Broadcast(this, rooms, Set.of(), null);
    }

    void deliver(SioSocket socket, SioEncoder.Encoded packet) {
        socket.sendEncoded(packet);
    }

    Set<SioSocket> members(String room) {
        Set<SioSocket> members = rooms.get(room);
        return members == null ? Set.of() : members;
    }

    SioEncoder.Encoded encodeEvent(String event, Object[] args, long ackId) {
        if (PlainValues.all(args)) {
            Object[] values = new Object[args.length + 1];
            values[0] = event;
            System.arraycopy(args, 0, values, 1, args.length);
            return server.encoder().encodePlain(SioPacket.EVENT, name, ackId, values);
        }
        ArrayNode payload = JsonNodeFactory.instance.arrayNode(args.length + 1);
        payload.add(event);
        for (Object arg : args) payload.add(server.toNode(arg));
        return server.encoder().encode(SioPacket.EVENT, name, ackId, payload);
    }

    /** The ACK packet answering {@code ackId} with {@code args}. */
    SioEncoder.Encoded encodeAck(long ackId, Object[] args) {
        if (PlainValues.all(args)) return server.encoder().encodePlain(SioPacket.ACK, name, ackId, args);
        return server.encoder().encode(SioPacket.ACK, name, ackId, toArray(args));
    }

    JsonNode toArray(Object[] args) {
        ArrayNode payload = JsonNodeFactory.instance.arrayNode(args.length);
        for (Object arg : args) payload.add(server.toNode(arg));
        return payload;
    }

    void dispatch(SioSocket socket, String event, ArrayNode args, Ack ack) {
        EventHandler handler = handlers.getOrDefault(event, fallback);
        if (handler == null) return;
        try {
            handler.handle(socket, args, ack);
        } catch (RuntimeException e) {
            log.error("handler of '{}' failed on socket {}", event, socket.id(), e);
        }
    }

    /** Makes the socket reachable by broadcasts; before its CONNECT reply is sent. */
    void register(SioSocket socket) {
        sockets.put(socket.id(), socket);
    }

    /** Tells the connection listeners; after the CONNECT reply. */
    void added(SioSocket socket) {
        for (Consumer<SioSocket> listener : connectionListeners) {
            try {
                listener.accept(socket);
            } catch (RuntimeException e) {
                log.error("connection listener failed on socket {}", socket.id(), e);
            }
        }
    }

    void removed(SioSocket socket, String reason) {
        sockets.remove(socket.id(), socket);
        for (DisconnectListener listener : disconnectListeners) {
            try {
                listener.onDisconnect(socket, reason);
            } catch (RuntimeException e) {
                log.error("disconnect listener failed on socket {}", socket.id(), e);
            }
        }
    }

    void addToRoom(String room, SioSocket socket) {
        rooms.compute(room, (r, members) -> RoomMembers.with(members, socket));
    }

    void removeFromRoom(String room, SioSocket socket) {
        rooms.computeIfPresent(room, (r, members) -> RoomMembers.without(members, socket));
    }
}
