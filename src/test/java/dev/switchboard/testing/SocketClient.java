package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.fail;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.client.SocketOptionBuilder;
import io.socket.engineio.client.Transport;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The official Java Socket.IO client, wrapped for tests: connect with a token over chosen
 * transports, record every event received, emit with ack and wait — always with a timeout, so a
 * failing test fails instead of hanging.
 */
public final class SocketClient implements AutoCloseable {
    public static final long TIMEOUT_SECONDS = 5;

    private final Socket socket;
    private final Map<String, BlockingQueue<Object[]>> received = new ConcurrentHashMap<>();
    private final List<String> transports = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> upgrade = new CompletableFuture<>();

    private SocketClient(Socket socket) {
        this.socket = socket;
        socket.onAnyIncoming(args -> {
            String event = (String) args[0];
            Object[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            queue(event).add(rest);
        });
        // every Engine.IO transport the client opens, in order (a probe for the upgrade included)
        socket.io().on(Manager.EVENT_TRANSPORT, args -> {
            transports.add(((Transport) args[0]).name);
            if (transports.size() == 1) engine().on(io.socket.engineio.client.Socket.EVENT_UPGRADE,
                    a -> upgrade.complete(((Transport) a[0]).name));
        });
    }

    // The Manager keeps its Engine.IO socket package-private; the upgrade event is only seen there.
    private io.socket.engineio.client.Socket engine() {
        try {
            Field field = Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            return (io.socket.engineio.client.Socket) field.get(socket.io());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects and waits for the connection; fails the test if it is refused. */
    public static SocketClient connect(String url, String token, String... transports) {
        return connect(url, options(token, transports).build());
    }

    /** Connects with options of the caller's making (see {@link #options}). */
    public static SocketClient connect(String url, IO.Options options) {
        SocketClient client = new SocketClient(IO.socket(URI.create(url), options));
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        client.socket.once(Socket.EVENT_CONNECT, a -> outcome.complete("connected"));
        client.socket.once(Socket.EVENT_CONNECT_ERROR, a -> outcome.complete(a.length > 0 ? a[0] : "connect_error"));
        client.socket.connect();
        Object result = await(outcome, "connect");
        if (!"connected".equals(result)) fail("connection refused: " + result);
        return client;
    }

    /** Tries to connect and returns the connect_error payload (fails the test if it connects). */
    public static JSONObject refused(String url, String token, String... transports) {
        return refused(url, options(token, transports).build());
    }

    public static JSONObject refused(String url, IO.Options options) {
        try (SocketClient client = new SocketClient(IO.socket(URI.create(url), options))) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            client.socket.once(Socket.EVENT_CONNECT, a -> outcome.complete("connected"));
            client.socket.once(Socket.EVENT_CONNECT_ERROR, a -> outcome.complete(a.length > 0 ? a[0] : null));
            client.socket.connect();
            Object result = await(outcome, "connect_error");
            if ("connected".equals(result)) fail("expected the handshake to be refused");
            if (result instanceof Exception e) {
                // the Java client wraps the server's error: message in getMessage(), data in the extra field
                JSONObject out = new JSONObject();
                try {
                    out.put("message", e.getMessage());
                    Object data = e.getClass().getField("data").get(e);
                    if (data != null) out.put("data", data);
                } catch (ReflectiveOperationException | JSONException ignored) {
                    // no data
                }
                return out;
            }
            return (JSONObject) result;
        }
    }

    /** The options tests use: a new connection, no reconnection, the token as {@code auth.token}. */
    public static SocketOptionBuilder options(String token, String... transports) {
        return IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports.length == 0 ? null : transports)
                .setAuth(token == null ? Map.of() : Map.of("token", token))
                .setTimeout(TIMEOUT_SECONDS * 1000);
    }

    public Socket raw() {
        return socket;
    }

    public boolean isConnected() {
        return socket.connected();
    }

    /**
     * Drops a WebSocket connection the way a lost network does: the TCP connection is cut, with no
     * close frame and no Socket.IO disconnect packet.
     */
    public void vanish() {
        try {
            Field transportField = io.socket.engineio.client.Socket.class.getDeclaredField("transport");
            transportField.setAccessible(true);
            Object transport = transportField.get(engine());
            Field ws = io.socket.engineio.client.transports.WebSocket.class.getDeclaredField("ws");
            ws.setAccessible(true);
            ((okhttp3.WebSocket) ws.get(transport)).cancel();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("vanish() needs a client connected over WebSocket", e);
        }
    }

    /** Names of the Engine.IO transports opened so far, in order. */
    public List<String> transports() {
        return List.copyOf(transports);
    }

    /** Waits for the Engine.IO upgrade and returns the transport upgraded to. */
    public String awaitUpgrade() {
        return (String) await(upgrade.thenApply(Object.class::cast), "transport upgrade");
    }

    /** Calls and asserts success: the ack's {@code data} (null when there is none or it is not an object). */
    public JSONObject ok(String event, Object... args) {
        JSONObject reply = call(event, args);
        if (!reply.optBoolean("ok")) fail(event + " failed: " + reply);
        return reply.optJSONObject("data");
    }

    /** Calls and asserts failure: the ack's {@code error} object, which must name the event. */
    public JSONObject failure(String event, Object... args) {
        JSONObject reply = call(event, args);
        if (reply.optBoolean("ok", true) || reply.optJSONObject("error") == null) {
            fail("expected " + event + " to fail, got " + reply);
        }
        JSONObject error = reply.optJSONObject("error");
        if (!event.equals(error.optString("event"))) fail("error does not name " + event + ": " + error);
        return error;
    }

    /** Emits and waits for the ack's first argument. */
    public JSONObject call(String event, Object... args) {
        CompletableFuture<Object> ack = new CompletableFuture<>();
        Object[] withAck = java.util.Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (io.socket.client.Ack) reply -> ack.complete(reply.length > 0 ? reply[0] : null);
        socket.emit(event, withAck);
        return (JSONObject) await(ack, "ack of " + event);
    }

    public void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** The next unread occurrence of {@code event} (its first argument), waiting up to the timeout. */
    public Object next(String event) {
        return next(event, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** As {@link #next(String)}, with a longer (or shorter) bounded wait. */
    public Object next(String event, Duration wait) {
        try {
            Object[] args = queue(event).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (args == null) fail("no '" + event + "' within " + wait + "; got events " + received.keySet());
            return args.length > 0 ? args[0] : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JSONObject nextObject(String event) {
        return (JSONObject) next(event);
    }

    /** Asserts that no {@code event} arrives within {@code millis}. */
    public void expectNone(String event, long millis) {
        try {
            Object[] args = queue(event).poll(millis, TimeUnit.MILLISECONDS);
            if (args != null) fail("unexpected '" + event + "': " + java.util.Arrays.toString(args));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything received so far of that event, without waiting. */
    public List<Object[]> drain(String event) {
        List<Object[]> out = new java.util.ArrayList<>();
        queue(event).drainTo(out);
        return out;
    }

    private BlockingQueue<Object[]> queue(String event) {
        return received.computeIfAbsent(event, e -> new LinkedBlockingQueue<>());
    }

    public static JSONObject json(Object... keysAndValues) {
        JSONObject o = new JSONObject();
        try {
            for (int i = 0; i < keysAndValues.length; i += 2) o.put((String) keysAndValues[i], keysAndValues[i + 1]);
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
        return o;
    }

    public static JSONArray array(Object... values) {
        JSONArray a = new JSONArray();
        for (Object v : values) a.put(v);
        return a;
    }

    private static Object await(CompletableFuture<Object> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("timed out waiting for " + what);
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.disconnect();
        socket.close();
    }
}
