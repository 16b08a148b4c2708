package dev.switchboard.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One Engine.IO session: its transport (long-polling, or WebSocket after an upgrade or from the
 * start), the upgrade's probe, and the heartbeat; the polls and what waits for them are
 * {@link LongPolling}'s. All fields are confined to {@link #loop()}; public methods may be called from
 * any thread.
 */
public final class EngineSession {
    private enum State { OPEN, UPGRADING, CLOSED }

    /** How long a poll that arrives during an upgrade waits before its noop (the reference's check interval). */
    static final long UPGRADING_POLL_HOLD_MILLIS = 100;

    private final String sid;
    private final EventLoop loop;
    private final EngineServer server;
    private final Handshake handshake;

    private State state = State.OPEN;
    private volatile Channel webSocket; // the active transport once upgraded or opened as WebSocket; read by transport()
    private Channel probe; // a WebSocket being probed for an upgrade
    private ScheduledFuture<?> upgradeTimer;
    private final LongPolling polling = new LongPolling(this);
    private final Heartbeat heartbeat;
    private EngineListener listener = EngineListener.NONE;
    private volatile Object attachment;
    // Tasks handed to the loop from other threads and not yet run: while there are any, the loop's own
    // writes queue behind them, so that frames reach the client in the order they were sent (an ack
    // written on the loop must not overtake the one a virtual thread wrote just before it).
    private volatile int queued;
    private static final AtomicIntegerFieldUpdater<EngineSession> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(EngineSession.class, "queued");
    private boolean clientClosed;

    EngineSession(String sid, EventLoop loop, EngineServer server, Handshake handshake, Channel webSocket) {
        this.sid = sid;
        this.loop = loop;
        this.server = server;
        this.handshake = handshake;
        this.webSocket = webSocket;
        this.heartbeat = new Heartbeat(loop, server.config(), () -> write("2"), () -> close("ping timeout", "6"));
    }

    public String id() {
        return sid;
    }

    public EventLoop loop() {
        return loop;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Name of the current transport: {@code polling} or {@code websocket}. */
    public String transport() {
        return webSocket != null ? "websocket" : "polling";
    }

    /** Sets who receives this session's messages. Call on the session's loop, before it is open to traffic. */
    public void listener(EngineListener listener) {
        this.listener = listener;
    }

    /** Free slot for the layer above (the Socket.IO client state). */
    public Object attachment() {
        return attachment;
    }

    public void attachment(Object value) {
        this.attachment = value;
    }

    public boolean isOpen() {
        return state != State.CLOSED;
    }

    /** Sends a message packet ({@code 4} + text). Thread-safe. */
    public void sendMessage(String text) {
        sendMessage(new SharedMessage(text));
    }

    /**
     * Sends a text message followed by binary messages, with nothing from other threads in
     * between (a Socket.IO binary packet and its attachments). Thread-safe.
     */
    public void sendMessage(String text, List<byte[]> binaries) {
        if (binaries.isEmpty()) {
            sendMessage(text);
        } else {
            onLoop(() -> writeAll(text, binaries));
        }
    }

    /** Sends a message packet whose bytes may be shared with other sessions (a broadcast). Thread-safe. */
    public void sendMessage(SharedMessage message) {
        onLoop(() -> write(message));
    }

    /** Sends a binary message. Thread-safe. */
    public void sendBinary(byte[] data) {
        onLoop(() -> write(data));
    }

    /** Closes the session from the server side. Thread-safe. */
    public void close(String reason) {
        closeOnLoop(() -> close(reason, "1"));
    }

    /**
     * Closes the session from the server side once every write handed over before this call has run, so
     * that the server's last packets (a Socket.IO DISCONNECT) go out before the close. Thread-safe.
     */
    public void closeAfterWrites(String reason) {
        onLoop(() -> close(reason, "1"));
    }

    /** Ends the session for a protocol violation: no goodbye, the id is dead at once. Thread-safe. */
    void abort(String reason) {
        closeOnLoop(() -> close(reason, "6"));
    }

    /**
     * A close runs at once on the loop, even with writes handed over and not yet run (they find the session
     * closed): a stop closes every session from its loop and then stops the handlers' threads, which a
     * close run later would find gone.
     */
    private void closeOnLoop(Runnable close) {
        if (loop.inEventLoop()) {
            close.run();
        } else {
            onLoop(close);
        }
    }

    /**
     * Runs a task on the session's loop, after any handed over before it; nothing to do when the loop is
     * already shut down.
     */
    void onLoop(Runnable task) {
        if (loop.inEventLoop() && queued == 0) {
            task.run();
        } else if (!loop.isShuttingDown()) {
            QUEUED.incrementAndGet(this);
            try {
                loop.execute(() -> {
                    QUEUED.decrementAndGet(this);
                    task.run();
                });
            } catch (RejectedExecutionException e) {
                QUEUED.decrementAndGet(this); // the server is stopping: the session goes with it
            }
        }
    }

    // ---- everything below runs on the session's loop ----

    void start() {
        heartbeat.start();
    }

    private void writeAll(String text, List<byte[]> binaries) {
        write("4" + text);
        for (byte[] data : binaries) write(data);
    }

    private void write(Object packet) {
        if (state == State.CLOSED) return;
        if (webSocket != null) {
            webSocket.writeAndFlush(frame(packet), webSocket.voidPromise());
            return;
        }
        Object text = packet instanceof SharedMessage shared ? shared.packet() : packet; // polls carry text
        polling.add(text, state == State.OPEN);
    }

    private static Object frame(Object packet) {
        if (packet instanceof SharedMessage shared) return new TextWebSocketFrame(shared.content());
        return packet instanceof byte[] data
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))
                : new TextWebSocketFrame((String) packet);
    }

    /** A GET poll. */
    void onPoll(HttpExchange poll) {
        polling.onPoll(poll);
    }

    /** A POST carrying a payload of packets. */
    void onPost(HttpExchange post, String payload) {
        polling.onPost(post, payload);
    }

    /** A text frame from a WebSocket: the active one or a probe; others (refused probes) are ignored. */
    void onWebSocketText(Channel channel, String text) {
        if (state == State.CLOSED || (channel != webSocket && channel != probe)) return;
        if (text.isEmpty() || !EnginePayload.isClientPacketType(text.charAt(0))) {
            if (channel == webSocket) {
                close("parse error", "6");
            } else {
                abortUpgrade(channel);
            }
            return;
        }
        if (channel == probe) {
            onProbePacket(text.charAt(0), text.substring(1));
        } else {
            onTextPacket(text.charAt(0), text.substring(1));
        }
    }

    void onWebSocketBinary(Channel channel, byte[] data) {
        if (state == State.CLOSED) return;
        if (channel == webSocket) {
            listener.onBinary(this, data);
        } else if (channel == probe) {
            abortUpgrade(channel);
        }
    }

    void onWebSocketClosed(Channel channel) {
        if (channel == webSocket) {
            close("transport close", "6");
        } else if (channel == probe) {
            abortUpgrade(channel);
        }
    }

    /** A WebSocket opened with this session's id: start probing it as the new transport. */
    boolean acceptProbe(Channel channel) {
        if (state != State.OPEN || webSocket != null || probe != null || expired()) return false;
        probe = channel;
        upgradeTimer = loop.schedule(() -> abortUpgrade(channel),
                server.config().upgradeTimeoutMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** The server that holds this session (for {@link LongPolling}). */
    EngineServer server() {
        return server;
    }

    /** Whether a WebSocket carries the session (upgraded, or opened as one): polls and posts are refused. */
    boolean usesWebSocket() {
        return webSocket != null;
    }

    /** Whether an upgrade's probe has been answered and the client is expected to finish it. */
    boolean upgrading() {
        return state == State.UPGRADING;
    }

    void onBinaryPacket(byte[] data) {
        listener.onBinary(this, data);
    }

    void onTextPacket(char type, String data) {
        switch (type) {
            case '1' -> {
                clientClosed = true;
                close("transport close", "6");
            }
            case '3' -> heartbeat.onPong();
            case '4' -> listener.onMessage(this, data);
            case '2', '6' -> { } // a v4 client does not ping the server; noop is padding
            default -> close("parse error", "6"); // '5' outside an upgrade
        }
    }

    private void onProbePacket(char type, String data) {
        if (type == '2' && "probe".equals(data)) {
            probe.writeAndFlush(new TextWebSocketFrame("3probe"), probe.voidPromise());
            state = State.UPGRADING;
            polling.endPendingPoll("6");
        } else if (type == '5') {
            completeUpgrade();
        } else {
            abortUpgrade(probe);
        }
    }

    private void completeUpgrade() {
        upgradeTimer.cancel(false);
        webSocket = probe;
        probe = null;
        state = State.OPEN;
        polling.endPendingPoll(null);
        Channel channel = webSocket;
        polling.drainTo(packet -> channel.write(frame(packet), channel.voidPromise()));
        channel.flush();
    }

    private void abortUpgrade(Channel channel) {
        if (channel != probe) return;
        if (upgradeTimer != null) upgradeTimer.cancel(false);
        probe = null;
        if (state == State.UPGRADING) {
            state = State.OPEN;
            polling.resume();
        }
        channel.close();
    }

    /** True when the session is over, or its pong is overdue (then it is ended now). */
    boolean expired() {
        if (state == State.CLOSED) return true;
        if (heartbeat.overdue()) {
            close("ping timeout", "6");
            return true;
        }
        return false;
    }

    /**
     * Ends the session. {@code pollReply} answers a pending poll: {@code 6} (noop) when the client
     * asked to close or the transport failed, {@code 1} (close) when the server ends the session.
     */
    void close(String reason, String pollReply) {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        heartbeat.stop();
        if (upgradeTimer != null) upgradeTimer.cancel(false);
        server.remove(this);
        polling.end(pollReply, webSocket == null && ("1".equals(pollReply) || clientClosed));
        if (probe != null) probe.close();
        if (webSocket != null) {
            webSocket.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        }
        listener.onClose(this, reason);
        listener = EngineListener.NONE;
    }
}
