package dev.switchboard.engineio;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds the frames of one WebSocket connection to the Engine.IO session it belongs to. */
final class EngineWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(EngineWebSocketHandler.class);
    private final EngineSession session;

    EngineWebSocketHandler(EngineSession session) {
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        Channel channel = ctx.channel();
        if (frame instanceof TextWebSocketFrame text) {
            String data = text.text();
            onSessionLoop(() -> session.onWebSocketText(channel, data));
        } else if (frame instanceof BinaryWebSocketFrame binary) {
            byte[] data = ByteBufUtil.getBytes(binary.content());
            onSessionLoop(() -> session.onWebSocketBinary(channel, data));
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        onSessionLoop(() -> session.onWebSocketClosed(channel));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("websocket error on session {}: {}", session.id(), cause.toString());
        ctx.close();
    }

    private void onSessionLoop(Runnable task) {
        if (session.loop().inEventLoop()) {
            task.run();
        } else {
            session.loop().execute(task);
        }
    }
}
