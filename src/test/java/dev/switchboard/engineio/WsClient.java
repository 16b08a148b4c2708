package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A raw WebSocket client for Engine.IO tests: queues whole frames as they arrive ({@code String}
 * or {@code byte[]}) and records when the server closed the connection.
 */
final class WsClient implements WebSocket.Listener {
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>(); // System.nanoTime() of each frame, in order
    private volatile long lastArrival;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by this
    private volatile boolean autoPong;

    private WsClient() {}

    static WsClient open(HttpClient http, URI uri) throws Exception {
        WsClient client = new WsClient();
        client.socket = http.newWebSocketBuilder()
                .connectTimeout(EngineFixture.TIMEOUT)
                .buildAsync(uri, client)
                .get(EngineFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            if (autoPong && text.toString().equals("2")) enqueue(ws -> ws.sendText("3", true));
            arrivals.add(System.nanoTime());
            frames.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            arrivals.add(System.nanoTime());
            frames.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete("close frame " + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    /** The next frame, whatever it is. */
    Object next() throws InterruptedException {
        Object frame = frames.poll(EngineFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) fail("no frame within " + EngineFixture.TIMEOUT + (closed.isDone() ? "; " + closed.join() : ""));
        lastArrival = arrivals.remove();
        return frame;
    }

    /** When the frame {@link #next} returned last arrived ({@code System.nanoTime()}), however late it was read. */
    long lastArrivalNanos() {
        return lastArrival;
    }

    String nextText() throws InterruptedException {
        Object frame = next();
        assertThat(frame).isInstanceOf(String.class);
        return (String) frame;
    }

    /** The next frame that is not a heartbeat ping; pings on the way are answered. */
    Object nextMessage() throws Exception {
        while (true) {
            Object frame = next();
            if (!"2".equals(frame)) return frame;
            send("3");
        }
    }

    /**
     * Answers pings on the listener thread as they arrive (they are still queued, to be counted):
     * the fixture allows only 200 ms for a pong, which a busy test thread may not make.
     */
    void autoPong() {
        autoPong = true;
    }

    void send(String data) throws Exception {
        await(enqueue(ws -> ws.sendText(data, true)));
    }

    void sendBinary(byte[] data) throws Exception {
        await(enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(data), true)));
    }

    /** The JDK WebSocket allows one send in flight at a time: sends from all threads are chained. */
    private synchronized CompletableFuture<?> enqueue(Function<WebSocket, CompletableFuture<WebSocket>> send) {
        lastSend = lastSend.handle((r, e) -> null).thenCompose(ignored -> send.apply(socket));
        return lastSend;
    }

    private static void await(CompletableFuture<?> sent) throws Exception {
        sent.get(EngineFixture.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the server closes the connection; fails when it does not within {@code within}. */
    void awaitClosed(Duration within) throws Exception {
        try {
            closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("the server did not close the WebSocket within " + within);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    void abort() {
        socket.abort();
    }
}
