package dev.switchboard.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in Socket.IO server on a loopback port for the {@code startup} scenario's warm-up: it
 * answers a WebSocket {@code /socket.io/} handshake with an Engine.IO open packet and a Socket.IO
 * {@code 40} CONNECT with {@code 40}, and nothing else. The generator connects to it once before
 * it spawns the server under test, so that its own first-connection costs (the WebSocket client
 * classes, Netty's buffer pool and its JFR events being set up) are not counted as the server's
 * start-up; a refused connection, the only warm-up possible without a server, runs none of them.
 */
final class WarmUpServer implements AutoCloseable {
    private static final String OPEN = "0{\"sid\":\"warm-up\",\"upgrades\":[],\"pingInterval\":25000,"
            + "\"pingTimeout\":20000,\"maxPayload\":1000000}";

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    WarmUpServer() throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(65_536),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/socket.io/")
                                        .checkStartsWith(true)
                                        .build()),
                                new Answers());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The open packet once the WebSocket is up; {@code 40} for a CONNECT. */
    private static final class Answers extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                ctx.writeAndFlush(new TextWebSocketFrame(OPEN));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (frame.text().startsWith("40")) ctx.writeAndFlush(new TextWebSocketFrame("40{\"sid\":\"warm-up\"}"));
        }
    }
}
