package dev.switchboard.socketio;

import static org.assertj.core.api.Assertions.fail;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The official Java client ({@code io.socket:socket.io-client}) as the tests use it: a new
 * connection per socket, no reconnection, and every socket closed by {@link #close()}. All waits
 * are bounded by {@link #TIMEOUT_MILLIS}.
 */
final class JavaClients implements AutoCloseable {
    static final long TIMEOUT_MILLIS = 5_000;
    static final String[] WEBSOCKET = {"websocket"};
    static final String[] POLLING = {"polling"};
    static final String[] UPGRADE = {"polling", "websocket"};

    /**
     * OkHttp runs each WebSocket's reader on a dispatcher slot for the socket's whole life, and
     * its default dispatcher has 64 slots (5 per host), which would cap a test at 64 WebSockets.
     */
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().dispatcher(largeDispatcher()).build();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private static Dispatcher largeDispatcher() {
        // daemon threads: idle OkHttp threads must not hold the test JVM open for their 60 s keep-alive
        Dispatcher dispatcher = new Dispatcher(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
        dispatcher.setMaxRequests(2_000);
        dispatcher.setMaxRequestsPerHost(2_000);
        return dispatcher;
    }

    static IO.Options options(String[] transports, Map<String, String> auth) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = transports;
        options.upgrade = transports.length > 1;
        options.auth = auth;
        options.timeout = TIMEOUT_MILLIS;
        options.callFactory = HTTP;
        options.webSocketFactory = HTTP;
        return options;
    }

    /** A socket not yet connected: register listeners, then call {@code connect()}. */
    Socket socket(int port, String namespace, String[] transports, Map<String, String> auth) {
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port + namespace), options(transports, auth));
        sockets.add(socket);
        return socket;
    }

    /** A connection to share between namespaces; pass its sockets to {@link #track}. */
    Manager manager(int port, String[] transports) {
        return new Manager(URI.create("http://127.0.0.1:" + port), options(transports, null));
    }

    Socket track(Socket socket) {
        sockets.add(socket);
        return socket;
    }

    /** Connects and waits for the server's CONNECT reply. */
    static Socket connect(Socket socket) throws Exception {
        CompletableFuture<Object[]> connected = once(socket, Socket.EVENT_CONNECT);
        CompletableFuture<Object[]> refused = once(socket, Socket.EVENT_CONNECT_ERROR);
        socket.connect();
        await(CompletableFuture.anyOf(connected, refused));
        if (refused.isDone()) fail("connect_error: " + refused.join()[0]);
        return socket;
    }

    /** Completes with the arguments of the next {@code event}. */
    static CompletableFuture<Object[]> once(Socket socket, String event) {
        CompletableFuture<Object[]> future = new CompletableFuture<>();
        socket.once(event, future::complete);
        return future;
    }

    /** Emits with an ack; completes with the ack's arguments. */
    static CompletableFuture<Object[]> emitWithAck(Socket socket, String event, Object... args) {
        CompletableFuture<Object[]> future = new CompletableFuture<>();
        socket.emit(event, args, future::complete);
        return future;
    }

    @SuppressWarnings("unchecked")
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + TIMEOUT_MILLIS + " ms", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    static void await(CountDownLatch latch, long millis) throws InterruptedException {
        if (!latch.await(millis, TimeUnit.MILLISECONDS)) {
            fail(latch.getCount() + " of the awaited events did not happen within " + millis + " ms");
        }
    }

    /**
     * Waits until {@code condition} holds, checking every 10 ms, for state that no event announces
     * (such as the server forgetting a closed session); fails after {@link #TIMEOUT_MILLIS}.
     */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(what + " did not happen within " + TIMEOUT_MILLIS + " ms");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Completes when the socket's Engine.IO connection has moved to WebSocket. Call before
     * {@code connect()}. The client does not expose its Engine.IO socket, hence the reflection
     * (on the 2.1.x field {@code Manager.engine}).
     */
    static CompletableFuture<Object[]> upgraded(Socket socket) {
        CompletableFuture<Object[]> upgraded = new CompletableFuture<>();
        socket.io().once(Manager.EVENT_OPEN, args -> {
            try {
                Field field = Manager.class.getDeclaredField("engine");
                field.setAccessible(true);
                ((io.socket.engineio.client.Socket) field.get(socket.io()))
                        .once(io.socket.engineio.client.Socket.EVENT_UPGRADE, upgraded::complete);
            } catch (ReflectiveOperationException e) {
                upgraded.completeExceptionally(e);
            }
        });
        return upgraded;
    }

    @Override
    public void close() {
        sockets.forEach(Socket::close);
        sockets.clear();
    }
}
