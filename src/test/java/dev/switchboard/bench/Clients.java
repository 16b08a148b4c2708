package dev.switchboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The generator's sockets: a few event-loop threads ({@code --threads}), WebSocket-only Socket.IO
 * connections opened in batches; each batch waits for its handshakes before the next starts.
 */
final class Clients implements AutoCloseable {
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    /** Who a socket signs in as. */
    record Identity(String userId, String role, String token) {}

    /** What a ramp achieved: the open connections, and the first failure if one stopped it. */
    record Ramp(List<SioConnection> open, int failed, String firstError, long millis) {}

    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop[] loops;
    private final Bootstrap base;
    private final InetSocketAddress address;
    private final URI uri;

    Clients(String host, int port, int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(threads, io);
        loops = new EventLoop[threads];
        for (int i = 0; i < threads; i++) loops[i] = group.next();
        address = new InetSocketAddress(host, port);
        uri = URI.create("ws://" + host + ":" + port + "/socket.io/?EIO=4&transport=websocket");
        base = new Bootstrap()
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) HANDSHAKE_TIMEOUT_MILLIS);
    }

    int threads() {
        return loops.length;
    }

    EventLoop loop(int i) {
        return loops[i];
    }

    /** Runs {@code task} on every loop and waits: afterwards the caller sees all their writes. */
    <T> List<T> onEveryLoop(Callable<T> task) throws Exception {
        List<T> out = new ArrayList<>();
        for (EventLoop loop : loops) out.add(loop.submit(task).get(30, TimeUnit.SECONDS));
        return out;
    }

    /**
     * Opens one socket per identity, {@code batch} at a time, socket {@code i} on loop
     * {@code loopOf[i]}; stops after the first batch with a failure.
     */
    Ramp connect(List<Identity> users, int[] loopOf, int batch, SioConnection.Listener listener) throws InterruptedException {
        long t0 = System.nanoTime();
        List<SioConnection> open = new ArrayList<>(users.size());
        int failed = 0;
        String firstError = null;
        for (int start = 0; start < users.size() && failed == 0; start += batch) {
            List<SioConnection> pending = new ArrayList<>(batch);
            for (int i = start; i < Math.min(users.size(), start + batch); i++) {
                pending.add(open(users.get(i), i, loops[loopOf[i]], listener));
            }
            for (SioConnection c : pending) {
                Promise<SioConnection> p = c.connected();
                if (!p.await(HANDSHAKE_TIMEOUT_MILLIS + 5_000) || !p.isSuccess()) {
                    failed++;
                    if (firstError == null) firstError = p.isDone() ? String.valueOf(p.cause()) : "timeout";
                    c.close();
                } else {
                    open.add(c);
                }
            }
        }
        return new Ramp(open, failed, firstError, (System.nanoTime() - t0) / 1_000_000);
    }

    private SioConnection open(Identity user, int index, EventLoop loop, SioConnection.Listener listener) {
        Promise<SioConnection> connected = loop.newPromise();
        SioConnection connection = new SioConnection(user.userId(), user.token(), index, listener, connected);
        base.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(
                        new HttpClientCodec(),
                        new HttpObjectAggregator(65_536),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                                .maxFramePayloadLength(1 << 20)
                                .build()),
                        connection);
            }
        }).connect(address).addListener(f -> {
            if (!f.isSuccess()) connected.tryFailure(f.cause());
        });
        return connection;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
