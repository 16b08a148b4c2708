package dev.switchboard.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One Engine.IO v4 endpoint: validates requests, opens sessions (over polling or WebSocket),
 * routes polls, posts and upgrade probes to them. {@link #handle} is called by the HTTP layer on
 * the request channel's event loop for every request under {@link EngineConfig#path()}.
 */
public final class EngineServer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CLOSE_ALL_WAIT_MILLIS = 5_000;

    private final EngineConfig config;
    private final HttpDecorator decorator;
    private final Consumer<EngineSession> onConnection;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final String openPacketTail;
    private final WebSocketDecoderConfig decoderConfig; // one for all connections: each decoder keeps it

    /**
     * @param onConnection called on the new session's loop before any packet flows; it attaches
     *     the session's {@link EngineListener}
     */
    public EngineServer(EngineConfig config, HttpDecorator decorator, Consumer<EngineSession> onConnection) {
        this.config = config;
        this.decorator = decorator;
        this.onConnection = onConnection;
        this.openPacketTail = ",\"pingInterval\":" + config.pingIntervalMillis() + ",\"pingTimeout\":"
                + config.pingTimeoutMillis() + ",\"maxPayload\":" + config.maxPayloadBytes() + "}";
        this.decoderConfig = WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(config.maxPayloadBytes()).build();
    }

    public EngineConfig config() {
        return config;
    }

    /** True when {@code path} (without query) belongs to this endpoint. */
    public boolean handles(String path) {
        return path.startsWith(config.path()) || path.equals(config.path().substring(0, config.path().length() - 1));
    }

    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Closes every session, as on shutdown, and returns once each close has run on its loop (at
     * most {@code CLOSE_ALL_WAIT_MILLIS}). Waiting matters: closing runs the disconnect listeners,
     * which hand work (storing last-seen times) to workers the caller stops right after; without
     * the wait that work was rejected and users online at shutdown were never last seen.
     */
    public void closeAll(String reason) {
        List<Future<?>> closing = new ArrayList<>();
        for (EngineSession session : List.copyOf(sessions.values())) {
            if (session.loop().inEventLoop()) {
                session.close(reason);
                continue;
            }
            try {
                closing.add(session.loop().submit(() -> session.close(reason)));
            } catch (RejectedExecutionException e) {
                // its loop is already gone, and the session with it
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_ALL_WAIT_MILLIS);
        for (Future<?> close : closing) {
            try {
                close.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // best effort: shutdown goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void keep(EngineSession session) {
        sessions.put(session.id(), session);
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    /** Serves one request; runs on the request channel's loop. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpExchange exchange = new HttpExchange(ctx, HttpUtil.isKeepAlive(request), request.headers(), decorator);
        Map<String, String> query = query(request.uri());
        if (!"4".equals(query.get("EIO"))) {
            exchange.error(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
            return;
        }
        String transport = query.get("transport");
        boolean upgrade = request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            exchange.error(EngineError.UNKNOWN_TRANSPORT);
            return;
        }
        if ("websocket".equals(transport) != upgrade) {
            exchange.error(EngineError.BAD_REQUEST);
            return;
        }
        String sid = query.get("sid");
        if (upgrade) {
            openWebSocket(ctx, request, query, sid, exchange);
        } else if (sid == null) {
            if (HttpMethod.GET.equals(request.method())) {
                openPolling(ctx, request, query, exchange);
            } else {
                exchange.error(EngineError.BAD_HANDSHAKE_METHOD);
            }
        } else {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                exchange.error(EngineError.UNKNOWN_SID);
            } else if (HttpMethod.GET.equals(request.method())) {
                session.loop().execute(() -> session.onPoll(exchange));
            } else if (HttpMethod.POST.equals(request.method())) {
                if (request.content().readableBytes() > config.maxPayloadBytes()) {
                    // The HTTP layer admits a little more than maxPayload (it also serves other
                    // routes), so the limit announced in the handshake is enforced here. As the
                    // reference server does, refuse with 413 and drop the session.
                    exchange.send(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain; charset=UTF-8",
                            Unpooled.EMPTY_BUFFER);
                    session.abort("payload too large");
                    return;
                }
                String payload = request.content().toString(StandardCharsets.UTF_8);
                session.loop().execute(() -> session.onPost(exchange, payload));
            } else {
                exchange.error(EngineError.BAD_REQUEST);
            }
        }
    }

    private void openPolling(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, String> query,
            HttpExchange exchange) {
        Handshake handshake = new Handshake(query, Handshake.keptHeaders(request.headers()), ctx.channel().remoteAddress());
        EngineSession session = register(ctx.channel(), handshake, null);
        exchange.text(openPacket(session.id(), "[\"websocket\"]"));
        onConnection.accept(session);
        session.start();
    }

    private void openWebSocket(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, String> query,
            String sid, HttpExchange exchange) {
        EngineSession existing = sid == null ? null : sessions.get(sid);
        if (sid != null && existing == null) {
            exchange.error(EngineError.UNKNOWN_SID);
            return;
        }
        String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + config.path();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        Channel channel = ctx.channel();
        EngineSession session = existing != null
                ? existing
                : register(channel, new Handshake(query, Handshake.keptHeaders(request.headers()), channel.remoteAddress()), channel);
        if (existing != null) {
            // Claim the probe before the 101 goes out, so that no frame of it can reach the session first.
            Runnable claim = () -> {
                if (!existing.acceptProbe(channel)) {
                    // an upgrade that cannot happen (already upgraded, closed): accept, then close politely
                    channel.eventLoop().execute(() ->
                            channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE));
                }
            };
            if (existing.loop().inEventLoop()) {
                claim.run();
            } else {
                existing.loop().execute(claim);
            }
        }
        handshaker.handshake(channel, request).addListener(f -> {
            if (!f.isSuccess()) {
                if (existing == null) session.close("handshake failed");
                return;
            }
            if (existing == null) {
                channel.writeAndFlush(new TextWebSocketFrame(openPacket(session.id(), "[]")), channel.voidPromise());
                onConnection.accept(session);
                session.start();
            }
        });
        ctx.pipeline().addBefore(ctx.name(), "eio-ws-aggregator", new WebSocketFrameAggregator(config.maxPayloadBytes()));
        // Frames written from other threads in a burst (a broadcast, a busy conversation) leave in
        // one flush instead of one system call each.
        ctx.pipeline().addBefore(ctx.name(), "eio-ws-flush", new FlushConsolidationHandler(256, true));
        ctx.pipeline().replace(ctx.name(), "eio-ws", new EngineWebSocketHandler(session));
    }

    private EngineSession register(Channel channel, Handshake handshake, Channel webSocket) {
        while (true) {
            EngineSession session = new EngineSession(newId(), channel.eventLoop(), this, handshake, webSocket);
            if (sessions.putIfAbsent(session.id(), session) == null) return session;
        }
    }

    private String openPacket(String sid, String upgrades) {
        return "0{\"sid\":\"" + sid + "\",\"upgrades\":" + upgrades + openPacketTail;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> out = new HashMap<>();
        new QueryStringDecoder(uri).parameters().forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        return out;
    }
}
