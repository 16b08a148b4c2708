package dev.switchboard.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listening port: HTTP/1.1 (REST, static files, Engine.IO polling) and WebSocket upgrades,
 * on Netty with the native epoll transport where available.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final EventLoopGroup group;
    private final Channel channel;
    private final ChannelGroup connections;
    private final CloseWhenStopping closeWhenStopping;

    private HttpServer(EventLoopGroup group, Channel channel, ChannelGroup connections, CloseWhenStopping closeWhenStopping) {
        this.group = group;
        this.channel = channel;
        this.connections = connections;
        this.closeWhenStopping = closeWhenStopping;
    }

    /**
     * Half the cores (rounded up), not Netty's two per core: the other half is for the handlers'
     * carriers ({@code app.HandlerCarriers}), the applier and the collector. On 2 cores that is one
     * loop, which is busy often enough that a handler's writes find it awake instead of waking it:
     * at 10,000 msg/s one loop took ~16 % less server CPU per message than two, and two ~8 % less than
     * four (docs/performance.md, steps 17 and 19). Netty's {@code -Dio.netty.eventLoopThreads} still sets
     * another number.
     */
    public static int defaultLoops() {
        return Integer.getInteger("io.netty.eventLoopThreads", loopsFor(Runtime.getRuntime().availableProcessors()));
    }

    /** The event loops for {@code cores} cores: half of them, rounded up. */
    static int loopsFor(int cores) {
        return Math.max(1, (cores + 1) / 2);
    }

    /**
     * Binds and starts serving; {@code port} 0 picks a free port (see {@link #port()}).
     * {@code ioThreads} 0 means {@link #defaultLoops()}.
     */
    public static HttpServer start(String host, int port, int ioThreads, int maxRequestBytes, HttpDispatcher dispatcher)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads > 0 ? ioThreads : defaultLoops(), io);
        // every accepted connection, for close(); the group forgets closed ones itself
        ChannelGroup connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
        CloseWhenStopping closeWhenStopping = new CloseWhenStopping();
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline()
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("close-when-stopping", closeWhenStopping)
                                    .addLast("aggregator", new ProblemAggregator(maxRequestBytes, dispatcher))
                                    .addLast("dispatcher", dispatcher);
                        }
                    })
                    .bind(host, port)
                    .sync()
                    .channel();
            log.debug("listening on {} ({})", channel.localAddress(), epoll ? "epoll" : "nio");
            return new HttpServer(group, channel, connections, closeWhenStopping);
        } catch (Throwable e) { // also the bind failure, an IOException that sync() throws undeclared
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Aggregates request bodies; one over the limit gets the dispatcher's 413 problem instead of Netty's empty one. */
    private static final class ProblemAggregator extends HttpObjectAggregator {
        private final int maxRequestBytes;
        private final HttpDispatcher dispatcher;

        ProblemAggregator(int maxRequestBytes, HttpDispatcher dispatcher) {
            super(maxRequestBytes);
            this.maxRequestBytes = maxRequestBytes;
            this.dispatcher = dispatcher;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (oversized instanceof HttpRequest request) {
                dispatcher.tooLarge(ctx, request, maxRequestBytes);
            } else {
                super.handleOversizedMessage(ctx, oversized);
            }
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Stops accepting connections; from now on each HTTP response closes its connection
     * ({@link CloseWhenStopping}), and the rest are closed by {@link #close()}.
     */
    public void stopAccepting() {
        closeWhenStopping.stop();
        channel.close().syncUninterruptibly();
    }

    /**
     * Closes every connection, then stops the event loops. The connections are closed here, not left
     * to the loops' shutdown: Netty (4.2.18) closes a loop's channels only if the loop sees the
     * shutdown before its last pass, and a loop busy at that moment stopped with them open, so a
     * client's idle keep-alive connection waited forever on a server that was gone
     * ({@code HttpServerCloseTest}).
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
