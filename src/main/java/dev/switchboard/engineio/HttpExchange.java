package dev.switchboard.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * One HTTP request awaiting its response: the channel, whether to keep the connection open, and
 * the request headers the {@link HttpDecorator} needs. Kept by a session while a poll is pending.
 */
final class HttpExchange {
    final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final HttpHeaders requestHeaders;
    private final HttpDecorator decorator;
    private boolean answered;

    HttpExchange(ChannelHandlerContext ctx, boolean keepAlive, HttpHeaders requestHeaders, HttpDecorator decorator) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.requestHeaders = requestHeaders;
        this.decorator = decorator;
    }

    boolean answered() {
        return answered;
    }

    private static final String PAYLOAD_TYPE = "text/plain; charset=UTF-8";

    void text(String body) {
        send(HttpResponseStatus.OK, PAYLOAD_TYPE, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    /** Answers a poll with these packets as one long-polling payload. */
    void payload(Collection<Object> packets) {
        send(HttpResponseStatus.OK, PAYLOAD_TYPE, EnginePayload.encode(ctx.alloc(), packets));
    }

    void error(EngineError error) {
        send(HttpResponseStatus.BAD_REQUEST, "application/json",
                Unpooled.copiedBuffer(error.json(), StandardCharsets.US_ASCII));
    }

    void send(HttpResponseStatus status, String contentType, ByteBuf body) {
        if (answered) {
            body.release();
            return;
        }
        answered = true;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        decorator.decorate(requestHeaders, headers);
        if (keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
