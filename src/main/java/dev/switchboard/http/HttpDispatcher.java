package dev.switchboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.engineio.EngineServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stop of every HTTP request: answers CORS preflights, hands Engine.IO paths to their
 * engine and everything else to the application's handler. Stateless and shared by all channels;
 * runs on the channel's event loop.
 */
@ChannelHandler.Sharable
public final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpDispatcher.class);
    private static final ObjectMapper PROBLEM_JSON = new ObjectMapper();

    /** Handles a request that is not Engine.IO's. The request is released after the call returns. */
    @FunctionalInterface
    public interface Handler {
        void handle(ChannelHandlerContext ctx, FullHttpRequest request);
    }

    private final CorsPolicy cors;
    private final List<EngineServer> engines;
    private final Handler application;

    public HttpDispatcher(CorsPolicy cors, List<EngineServer> engines, Handler application) {
        this.cors = cors;
        this.engines = List.copyOf(engines);
        this.application = application;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            malformed(ctx, request);
            return;
        }
        if (HttpMethod.OPTIONS.equals(request.method()) && request.headers().contains(HttpHeaderNames.ORIGIN)) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            cors.decoratePreflight(request.headers(), response.headers());
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            write(ctx, request, response);
            return;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        for (EngineServer engine : engines) {
            if (engine.handles(path)) {
                engine.handle(ctx, request);
                return;
            }
        }
        application.handle(ctx, request);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http connection error: {}", cause.toString());
        ctx.close();
    }

    /**
     * Answers a request whose body is over {@code maxRequestBytes}; called by the aggregator in front
     * of this handler, on the event loop. Netty's own answer is an empty 413, which breaks the REST
     * promise of a problem body with a stable code and, lacking CORS headers, is unreadable to a
     * browser; this one is a PAYLOAD_TOO_LARGE problem. Like Netty's, it closes the connection
     * unless the rest of the body can still be read and discarded (keep-alive, body not yet
     * complete), so the next request on the connection is understood.
     */
    void tooLarge(ChannelHandlerContext ctx, HttpRequest request, int maxRequestBytes) {
        FullHttpResponse response = problem(request, ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + maxRequestBytes + " bytes");
        boolean close = request instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(request) && !HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, !close);
        if (close) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /** A request Netty could not parse: a problem answer, and the connection closes (its stream is lost). */
    private void malformed(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = problem(request, ErrorCode.VALIDATION_FAILED, "malformed HTTP request");
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse problem(HttpRequest request, ErrorCode code, String detail) {
        byte[] bytes;
        try {
            bytes = PROBLEM_JSON.writeValueAsBytes(RestRouter.problemBody(code, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings and ints always serializes
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(code.httpStatus()), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        cors.decorate(request.headers(), response.headers());
        return response;
    }

    static void write(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        if (HttpUtil.isKeepAlive(request)) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
