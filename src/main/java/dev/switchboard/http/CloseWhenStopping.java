package dev.switchboard.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Once the server stops accepting, every HTTP response says {@code Connection: close} and its
 * connection closes when the response is written, so that a client's keep-alive connection is not
 * reused for the next request during the stop's drain (up to 10 s) but reconnects, to wherever the
 * port is served next. A WebSocket upgrade's 101 is left alone and the handler leaves that
 * connection's pipeline (it becomes the socket, which the stop tells to go itself). One instance
 * serves every connection of a server.
 */
@ChannelHandler.Sharable
final class CloseWhenStopping extends ChannelOutboundHandlerAdapter {
    private volatile boolean stopping;

    /** From now on, responses close their connections. */
    void stop() {
        stopping = true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && r.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            ctx.write(msg, promise);
            ctx.pipeline().remove(this); // a WebSocket from now on: its frames need not pass here
            return;
        }
        if (!stopping) {
            ctx.write(msg, promise);
            return;
        }
        if (msg instanceof HttpResponse response) HttpUtil.setKeepAlive(response, false);
        if (!(msg instanceof LastHttpContent)) {
            ctx.write(msg, promise);
            return;
        }
        // a void promise (the keep-alive writes use one) takes no listener: this one closes instead
        ChannelPromise written = promise.isVoid() ? ctx.newPromise() : promise;
        ctx.write(msg, written);
        written.addListener(ChannelFutureListener.CLOSE);
    }
}
