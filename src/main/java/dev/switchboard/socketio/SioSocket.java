package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engineio.Handshake;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connected to one namespace. Emitting, joining and leaving rooms are thread-safe;
 * event handlers are called on the connection's event loop.
 */
public final class SioSocket {
    private static final Logger log = LoggerFactory.getLogger(SioSocket.class);
    private static final String[] NO_ROOMS = {};
    private static final VarHandle CONNECTED;

    static {
        try {
            CONNECTED = MethodHandles.lookup().findVarHandle(SioSocket.class, "connected", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Namespace namespace;
    private final SioClient client;
    private final String id;
    private volatile ObjectNode auth; // dropped once the connection listeners ran, see auth()
    private final Object principal;
    // Fields, not a concurrent set and an AtomicBoolean: thousands of idle sockets each keep them
    // (docs/performance.md, step 8). Rooms change under the lock, and are replaced, never changed.
    private volatile String[] rooms = NO_ROOMS;
    private volatile boolean connected = true; // set to false once, through CONNECTED
    private Map<Long, PendingAck> pendingAcks; // loop-confined
    private long nextAckId;
    private volatile Object state;

    SioSocket(Namespace namespace, SioClient client, String id, ObjectNode auth, Object principal) {
        this.namespace = namespace;
        this.client = client;
        this.id = id;
        this.auth = auth;
        this.principal = principal;
    }

    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    public Handshake handshake() {
        return client.engine().handshake();
    }

    /**
     * The CONNECT payload ({@code auth} of the client options), for the namespace's guard and
     * connection listeners; afterwards an empty object. It usually holds the access token, which
     * a connection that lasts for hours should not keep in memory, neither for its size nor for
     * the token's sake.
     */
    public ObjectNode auth() {
        ObjectNode value = auth;
        return value != null ? value : client.emptyObject();
    }

    /** Called once the connection listeners ran. */
    void forgetAuth() {
        auth = null;
    }

    /** What the namespace's {@link ConnectGuard} returned for this connection (the signed-in identity). */
    @SuppressWarnings("unchecked")
    public <T> T principal() {
        return (T) principal;
    }

    /** Free slot for the layer above. */
    @SuppressWarnings("unchecked")
    public <T> T state() {
        return (T) state;
    }

    public void state(Object value) {
        this.state = value;
    }

    public String transport() {
        return client.engine().transport();
    }

    public boolean connected() {
        return connected;
    }

    public Set<String> rooms() {
        return Set.of(rooms);
    }

    public void join(String room) {
        synchronized (this) {
            String[] current = rooms;
            if (!connected || Arrays.asList(current).contains(room)) return;
            String[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = room;
            rooms = grown;
            namespace.addToRoom(room, this);
        }
    }

    public void leave(String room) {
        synchronized (this) {
            String[] current = rooms;
            int at = Arrays.asList(current).indexOf(room);
            if (at < 0) return;
            String[] rest = new String[current.length - 1];
            System.arraycopy(current, 0, rest, 0, at);
            System.arraycopy(current, at + 1, rest, at, rest.length - at);
            rooms = rest;
            namespace.removeFromRoom(room, this);
        }
    }

    /** Emits an event to this client only. */
    public void emit(String event, Object... args) {
        if (!connected) return;
        client.send(namespace.encodeEvent(event, args, -1));
    }

    void sendEncoded(SioEncoder.Encoded packet) {
        if (connected) client.send(packet);
    }

    /**
     * Emits an event and waits for the client's acknowledgement; {@code callback} gets the
     * client's arguments, or a timeout, on the connection's event loop.
     */
    public void emitWithAck(String event, Duration timeout, AckCallback callback, Object... args) {
        client.engine().loop().execute(() -> {
            if (!connected) {
                callback.onTimeout();
                return;
            }
            long ackId = nextAckId++;
            if (pendingAcks == null) pendingAcks = new HashMap<>(4);
            ScheduledFuture<?> timer = client.engine().loop().schedule(() -> {
                PendingAck pending = pendingAcks.remove(ackId);
                if (pending != null) pending.callback.onTimeout();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            pendingAcks.put(ackId, new PendingAck(callback, timer));
            client.send(namespace.encodeEvent(event, args, ackId));
        });
    }

    /** Ends this namespace connection from the server side (the client gets a DISCONNECT packet). */
    public void disconnect() {
        client.engine().loop().execute(() -> client.disconnect(this));
    }

    /**
     * Closes the whole underlying connection, all namespaces included. Each namespace first gets
     * a DISCONNECT packet, as with the reference server's {@code disconnect(true)}: clients that
     * do not notice a WebSocket close frame (the official Java client) learn of it that way.
     */
    public void closeConnection() {
        client.engine().loop().execute(client::disconnectAll);
    }

    /** Callback of {@link #emitWithAck}. */
    public interface AckCallback {
        void onAck(ArrayNode args);

        void onTimeout();
    }

    private record PendingAck(AckCallback callback, ScheduledFuture<?> timer) {}

    // ---- called by SioClient on the loop ----

    void onEvent(ArrayNode data, long ackId) {
        String event = data.get(0).asText();
        ArrayNode args = data.arrayNode(data.size() - 1);
        for (int i = 1; i < data.size(); i++) args.add(data.get(i));
        Ack ack = ackId < 0 ? null : new OnceAck(ackId);
        namespace.dispatch(this, event, args, ack);
    }

    void onAck(long ackId, ArrayNode args) {
        PendingAck pending = pendingAcks == null ? null : pendingAcks.remove(ackId);
        if (pending == null) return;
        pending.timer.cancel(false);
        try {
            pending.callback.onAck(args);
        } catch (RuntimeException e) {
            log.warn("ack callback failed on socket {}", id, e);
        }
    }

    void onClosed(String reason) {
        if (!CONNECTED.compareAndSet(this, true, false)) return;
        String[] left;
        synchronized (this) {
            left = rooms;
            rooms = NO_ROOMS;
        }
        for (String room : left) namespace.removeFromRoom(room, this);
        if (pendingAcks != null) {
            pendingAcks.values().forEach(p -> {
                p.timer.cancel(false);
                p.callback.onTimeout();
            });
            pendingAcks = null;
        }
        namespace.removed(this, reason);
    }

    private final class OnceAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        OnceAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(Object... args) {
            if (!sent.compareAndSet(false, true) || !connected) return;
            client.send(namespace.encodeAck(ackId, args));
        }
    }
}
