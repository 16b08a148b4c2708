package dev.switchboard.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One Engine.IO session: its transport (long-polling, or WebSocket after an upgrade or from the
 * start), the packets waiting for the next poll, and the heartbeat. All fields are confined to
 * {@link #loop()}; public methods may be called from any thread.
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
    private HttpExchange pendingPoll;
    private ArrayDeque<Object> buffer; // polling only: String text packets or byte[] messages
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
    private ArrayDeque<Object> lastPoll; // closed while no poll was pending: what the next poll gets; see linger()

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
    private void onLoop(Runnable task) {
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
        if (buffer == null) buffer = new ArrayDeque<>(4);
        buffer.add(packet instanceof SharedMessage shared ? shared.packet() : packet); // polls carry text
        if (pendingPoll != null && state == State.OPEN) flushPoll();
    }

    private static Object frame(Object packet) {
        if (packet instanceof SharedMessage shared) return new TextWebSocketFrame(shared.content());
        return packet instanceof byte[] data
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))
                : new TextWebSocketFrame((String) packet);
    }

    private void flushPoll() {
        HttpExchange poll = pendingPoll;
        pendingPoll = null;
        poll.payload(buffer);
        buffer.clear();
    }

    /** A GET poll. Answered at once when packets wait, otherwise held until there are some. */
    void onPoll(HttpExchange poll) {
        if (lastPoll != null) {
            ArrayDeque<Object> packets = lastPoll;
            lastPoll = null;
            server.remove(this);
            poll.payload(packets);
            return;
        }
        if (expired()) {
            poll.error(EngineError.UNKNOWN_SID);
            return;
        }
        if (webSocket != null) {
            poll.error(EngineError.BAD_REQUEST);
            return;
        }
        if (pendingPoll != null) {
            // two concurrent polls on one session: a broken client; end the session
            poll.error(EngineError.BAD_REQUEST);
            close("overlap from client", "1");
            return;
        }
        if (state == State.UPGRADING) {
            // Mid-upgrade (as the reference does): hold the poll briefly and end it with a noop;
            // if the upgrade completes first, it was a request on the old transport and is refused.
            pendingPoll = poll;
            loop.schedule(() -> {
                if (pendingPoll == poll) {
                    pendingPoll = null;
                    poll.text("6");
                }
            }, UPGRADING_POLL_HOLD_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        pendingPoll = poll;
        if (buffer != null && !buffer.isEmpty()) {
            flushPoll();
        } else {
            // a client that gives up its poll frees the slot for its next one
            poll.ctx.channel().closeFuture().addListener(f -> onLoop(() -> {
                if (pendingPoll == poll) pendingPoll = null;
            }));
        }
    }

    /** A POST carrying a payload of packets. */
    void onPost(HttpExchange post, String payload) {
        if (expired()) {
            post.error(EngineError.UNKNOWN_SID);
            return;
        }
        if (webSocket != null) {
            post.error(EngineError.BAD_REQUEST);
            return;
        }
        boolean valid = EnginePayload.decode(payload, new EnginePayload.Sink() {
            @Override
            public boolean text(char type, String data) {
                onTextPacket(type, data);
                return state != State.CLOSED;
            }

            @Override
            public boolean binary(byte[] data) {
                listener.onBinary(EngineSession.this, data);
                return state != State.CLOSED;
            }
        });
        if (valid) {
            post.send(HttpResponseStatus.OK, "text/html", Unpooled.copiedBuffer(new byte[] {'o', 'k'}));
        } else {
            post.error(EngineError.BAD_REQUEST);
            close("parse error", "6");
        }
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

    private void onTextPacket(char type, String data) {
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
            if (pendingPoll != null) {
                HttpExchange poll = pendingPoll;
                pendingPoll = null;
                poll.text("6");
            }
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
        if (pendingPoll != null) {
            HttpExchange poll = pendingPoll;
            pendingPoll = null;
            poll.error(EngineError.BAD_REQUEST);
        }
        if (buffer != null) {
            for (Object packet : buffer) webSocket.write(frame(packet), webSocket.voidPromise());
            webSocket.flush();
            buffer = null;
        }
    }

    private void abortUpgrade(Channel channel) {
        if (channel != probe) return;
        if (upgradeTimer != null) upgradeTimer.cancel(false);
        probe = null;
        if (state == State.UPGRADING) {
            state = State.OPEN;
            if (pendingPoll != null && buffer != null && !buffer.isEmpty()) flushPoll();
        }
        channel.close();
    }

    /** True when the session is over, or its pong is overdue (then it is ended now). */
    private boolean expired() {
        if (state == State.CLOSED) return true;
        if (heartbeat.overdue()) {
            close("ping timeout", "6");
            return true;
        }
        return false;
    }

    /**
     * A polling session that ends while no poll is pending keeps its id for one ping timeout, so
     * that the next poll still gets a proper ending: a clean noop when the client closed (its last
     * GET may be on its way on another connection), or the packets still buffered followed by a
     * close packet when the server ended it. Any other request, and a second poll, find it dead.
     */
    private void linger(ArrayDeque<Object> packets) {
        lastPoll = packets;
        server.keep(this);
        loop.schedule(() -> {
            if (lastPoll == packets) {
                lastPoll = null;
                server.remove(this);
            }
        }, server.config().pingTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the session. {@code pollReply} answers a pending poll: {@code 6} (noop) when the client
     * asked to close or the transport failed, {@code 1} (close) when the server ends the session.
     */
    private void close(String reason, String pollReply) {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        heartbeat.stop();
        if (upgradeTimer != null) upgradeTimer.cancel(false);
        server.remove(this);
        ArrayDeque<Object> last = new ArrayDeque<>(2);
        if ("1".equals(pollReply) && buffer != null) last.addAll(buffer); // the server's last words
        last.add(pollReply);
        if (pendingPoll != null) {
            HttpExchange poll = pendingPoll;
            pendingPoll = null;
            poll.payload(last);
        } else if (webSocket == null && ("1".equals(pollReply) || clientClosed)) {
            linger(last);
        }
        buffer = null;
        if (probe != null) probe.close();
        if (webSocket != null) {
            webSocket.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        }
        listener.onClose(this, reason);
        listener = EngineListener.NONE;
    }
}
