package dev.switchboard.socketio;

import static dev.switchboard.socketio.JavaClients.await;
import static dev.switchboard.socketio.JavaClients.connect;
import static dev.switchboard.socketio.JavaClients.emitWithAck;
import static dev.switchboard.socketio.JavaClients.once;
import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How connections end, what each side is told, and what does not end them. */
class DisconnectTest {
    private SioTestServer server;
    private final JavaClients clients = new JavaClients();
    private final CompletableFuture<SioSocket> serverSide = new CompletableFuture<>();
    private final CompletableFuture<String> serverReason = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        server = SioTestServer.start();
        server.namespace("/")
                .onConnection(serverSide::complete)
                .onDisconnect((socket, reason) -> serverReason.complete(reason))
                .on("echo", (socket, args, ack) -> ack.send(args.get(0)))
                .on("boom", (socket, args, ack) -> {
                    throw new IllegalStateException("handler bug (expected by the test)");
                });
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private Socket connected() throws Exception {
        return connect(clients.socket(server.port(), "/", JavaClients.WEBSOCKET, Map.of()));
    }

    @Test
    void tellsTheServerWhenTheClientDisconnects() throws Exception {
        Socket client = connected();
        await(serverSide);

        client.disconnect();

        assertThat(await(serverReason)).isEqualTo("client namespace disconnect");
        assertThat(server.namespace("/").size()).isZero();
    }

    @Test
    void tellsTheServerWhenTheTransportIsCutWithoutGoodbye() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket raw = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                frames.add(data.toString());
                                ws.request(1);
                                return null;
                            }
                        })
                .get(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(frames.poll(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).startsWith("0{");
        raw.sendText("40", true).get(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(frames.poll(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).startsWith("40{\"sid\":");
        await(serverSide);

        raw.abort();

        assertThat(await(serverReason)).isEqualTo("transport close");
    }

    @Test
    void disconnectsTheClientFromTheServerSide() throws Exception {
        Socket client = connected();
        CompletableFuture<Object[]> clientSide = once(client, Socket.EVENT_DISCONNECT);

        await(serverSide).disconnect();

        assertThat(await(clientSide)[0]).isEqualTo("io server disconnect");
        assertThat(await(serverReason)).isEqualTo("server namespace disconnect");
        assertThat(await(serverSide).connected()).isFalse();
    }

    @Test
    void closesTheWholeConnectionFromTheServerSide() throws Exception {
        Socket client = connected();
        CompletableFuture<Object[]> clientSide = once(client, Socket.EVENT_DISCONNECT);

        await(serverSide).closeConnection();

        assertThat(await(clientSide)[0]).isEqualTo("io server disconnect");
        assertThat(await(serverReason)).isEqualTo("server namespace disconnect");
        // the session closes right after the DISCONNECT packets are written
        JavaClients.eventually("closing the session", () -> server.sessionCount() == 0);
    }

    @Test
    void closingTheWholeConnectionStillTellsTheClientWhenOtherThreadsWriteToItMeanwhile() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.namespace("/").on("hold", (socket, args, ack) -> {
            holding.countDown();
            try {
                release.await(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS); // the loop waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Socket client = connected();
        CompletableFuture<Object[]> clientSide = once(client, Socket.EVENT_DISCONNECT);
        SioSocket socket = await(serverSide);
        client.emit("hold");
        assertThat(holding.await(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

        socket.closeConnection(); // waits for the loop
        socket.emit("late", "written from this thread after the close was asked for");
        release.countDown();

        assertThat(await(clientSide)[0]).isEqualTo("io server disconnect");
        JavaClients.eventually("closing the session", () -> server.sessionCount() == 0);
    }

    @Test
    void keepsTheConnectionWhenAHandlerThrows() throws Exception {
        Socket client = connected();

        client.emit("boom", "anything");
        Object[] ack = await(emitWithAck(client, "echo", "still alive"));

        assertThat(ack).containsExactly("still alive");
        assertThat(client.connected()).isTrue();
        assertThat(serverReason).isNotDone();
    }

    @Test
    void keepsTheConnectionWhenAListenerThrows() throws Exception {
        server.namespace("/").onConnection(socket -> {
            throw new IllegalStateException("listener bug (expected by the test)");
        });
        Socket client = connected();

        assertThat(await(emitWithAck(client, "echo", "fine"))).containsExactly("fine");
    }

    @Test
    void ignoresEventsWithoutAHandler() throws Exception {
        Socket client = connected();

        client.emit("nobody-listens", 1);

        assertThat(await(emitWithAck(client, "echo", "fine"))).containsExactly("fine");
    }
}
