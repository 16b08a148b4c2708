package dev.switchboard.socketio;

import dev.switchboard.common.Json;
import dev.switchboard.engineio.EngineConfig;
import dev.switchboard.engineio.EngineServer;
import dev.switchboard.http.CorsPolicy;
import dev.switchboard.http.HttpDispatcher;
import dev.switchboard.http.HttpServer;
import java.util.List;

/**
 * A Socket.IO server for one test, wired as {@code ConformanceFixture} wires its own, on a free
 * loopback port and two I/O threads (so that sockets of one test may live on different loops).
 * Declare namespaces and handlers through {@link #io()} before clients connect. Timers are relaxed
 * (ping every 5 s) so that a busy machine does not end sessions in the middle of a test.
 */
final class SioTestServer implements AutoCloseable {
    static final int PING_INTERVAL_MILLIS = 5_000;
    static final int PING_TIMEOUT_MILLIS = 20_000;

    private final SocketIoServer io;
    private final EngineServer engine;
    private final HttpServer http;

    private SioTestServer(SocketIoServer io, EngineServer engine, HttpServer http) {
        this.io = io;
        this.engine = engine;
        this.http = http;
    }

    static SioTestServer start() throws InterruptedException {
        CorsPolicy cors = new CorsPolicy(List.of());
        SocketIoServer io = new SocketIoServer(Json.newMapper(), 5_000);
        EngineConfig config = new EngineConfig("/socket.io/", PING_INTERVAL_MILLIS, PING_TIMEOUT_MILLIS, 1_000_000, 10_000);
        EngineServer engine = new EngineServer(config, cors, io.connectionHandler());
        HttpDispatcher dispatcher = new HttpDispatcher(cors, List.of(engine), (ctx, request) -> ctx.close());
        return new SioTestServer(io, engine, HttpServer.start("127.0.0.1", 0, 2, 1_100_000, dispatcher));
    }

    SocketIoServer io() {
        return io;
    }

    Namespace namespace(String name) {
        return io.namespace(name);
    }

    int port() {
        return http.port();
    }

    int sessionCount() {
        return engine.sessionCount();
    }

    @Override
    public void close() {
        engine.closeAll("test over");
        http.close();
    }
}
