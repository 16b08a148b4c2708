package dev.switchboard.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.Promise;

/**
 * One Socket.IO v5 client over an Engine.IO v4 WebSocket, just enough of both for the benchmark:
 * on the open packet {@code 0{...}} it connects to the main namespace with {@code 40{"token":..}},
 * answers every ping {@code 2} with {@code 3}, and hands events ({@code 42}) and acks
 * ({@code 43}) to a {@link Listener} as text. Runs on its channel's event loop only.
 */
final class SioConnection extends ChannelInboundHandlerAdapter {
    /** Receives the events and acks of every connection; called on the connection's event loop. */
    interface Listener {
        void onPacket(SioConnection connection, String packet, long nowNanos);
    }

    final String userId;
    final int index;
    private final String token;
    private final Listener listener;
    private final Promise<SioConnection> connected;
    private Channel channel;
    private int nextAckId;
    private final java.util.Map<Integer, Integer> seqByAckId = new java.util.HashMap<>();
    long pings;

    SioConnection(String userId, String token, int index, Listener listener, Promise<SioConnection> connected) {
        this.userId = userId;
        this.token = token;
        this.index = index;
        this.listener = listener;
        this.connected = connected;
    }

    Promise<SioConnection> connected() {
        return connected;
    }

    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    Channel channel() {
        return channel;
    }

    /**
     * Emits {@code event} with a JSON payload and asks for an ack, remembering which message
     * {@code seq} the ack will answer; call on this connection's loop.
     */
    void emitWithAck(String event, String jsonPayload, int seq) {
        int ackId = nextAckId++;
        seqByAckId.put(ackId, seq);
        String packet = "42" + ackId + "[\"" + event + "\"," + jsonPayload + "]";
        channel.writeAndFlush(new TextWebSocketFrame(packet), channel.voidPromise());
    }

    /** The {@code seq} an ack packet {@code 43<id>[...]} answers (forgetting it), or -1. */
    int takeAckSeq(String ackPacket) {
        int end = 2;
        while (end < ackPacket.length() && Character.isDigit(ackPacket.charAt(end))) end++;
        if (end == 2) return -1;
        Integer seq = seqByAckId.remove(Integer.parseInt(ackPacket, 2, end, 10));
        return seq == null ? -1 : seq;
    }

    void close() {
        if (channel != null) channel.close();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long now = System.nanoTime();
        String text;
        try {
            text = frame.text();
        } finally {
            frame.release();
        }
        if (text.isEmpty()) return;
        switch (text.charAt(0)) {
            case '0' -> ctx.writeAndFlush(new TextWebSocketFrame("40{\"token\":\"" + token + "\"}"), ctx.voidPromise());
            case '2' -> {
                pings++;
                ctx.writeAndFlush(new TextWebSocketFrame("3"), ctx.voidPromise());
            }
            case '1' -> ctx.close();
            case '4' -> socketIo(text, now);
            default -> { } // noop packets and upgrades are not used on a WebSocket-only session
        }
    }

    private void socketIo(String text, long now) {
        if (text.length() < 2) return;
        switch (text.charAt(1)) {
            case '0' -> connected.trySuccess(this);
            case '4' -> {
                connected.tryFailure(new IllegalStateException("connect_error " + text.substring(2)));
                channel.close();
            }
            case '2', '3' -> listener.onPacket(this, text, now);
            case '1' -> channel.close(); // disconnected by the server
            default -> { }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.tryFailure(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connected.tryFailure(new IllegalStateException("closed before the Socket.IO connect"));
        ctx.fireChannelInactive();
    }
}
