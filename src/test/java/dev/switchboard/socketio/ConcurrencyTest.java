package dev.switchboard.socketio;

import static dev.switchboard.socketio.JavaClients.await;
import static dev.switchboard.socketio.JavaClients.connect;
import static dev.switchboard.socketio.JavaClients.emitWithAck;
import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many clients at once, and many events from one client. */
class ConcurrencyTest {
    private static final int CLIENTS = 200;
    private static final int ACKS_PER_CLIENT = 5;
    private static final int EVENTS = 1_000;
    private static final long BATCH_TIMEOUT_MILLIS = 60_000;

    private SioTestServer server;
    private final JavaClients clients = new JavaClients();
    private final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = SioTestServer.start();
        server.namespace("/")
                .on("whoami", (socket, args, ack) -> ack.send(args.get(0), socket.id()))
                .on("seq", (socket, args, ack) ->
                        sequences.computeIfAbsent(socket.id(), id -> new ArrayList<>()).add(args.get(0).asInt()))
                .on("done", (socket, args, ack) -> ack.send(sequences.getOrDefault(socket.id(), List.of()).size()));
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void givesEachOfManyConcurrentClientsExactlyItsOwnAcks() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            Socket socket = clients.socket(server.port(), "/", JavaClients.WEBSOCKET, Map.of());
            socket.once(Socket.EVENT_CONNECT, args -> connected.countDown());
            sockets.add(socket);
            socket.connect();
        }
        JavaClients.await(connected, BATCH_TIMEOUT_MILLIS);

        CountDownLatch answered = new CountDownLatch(CLIENTS * ACKS_PER_CLIENT);
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CLIENTS; i++) {
            Socket socket = sockets.get(i);
            for (int k = 0; k < ACKS_PER_CLIENT; k++) {
                String token = i + "/" + k;
                socket.emit("whoami", new Object[] {token}, args -> {
                    if (!token.equals(args[0]) || !socket.id().equals(args[1])) {
                        wrong.add("sent " + token + " from " + socket.id() + ", got " + args[0] + " for " + args[1]);
                    }
                    answered.countDown();
                });
            }
        }

        JavaClients.await(answered, BATCH_TIMEOUT_MILLIS);
        assertThat(wrong).isEmpty();
        assertThat(server.namespace("/").size()).isEqualTo(CLIENTS);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"websocket", "polling"})
    void deliversAThousandEventsFromOneClientInOrder(String transport) throws Exception {
        Socket socket = connect(clients.socket(server.port(), "/", new String[] {transport}, Map.of()));

        for (int i = 0; i < EVENTS; i++) socket.emit("seq", i);
        Object[] count = await(emitWithAck(socket, "done"));

        assertThat(count).containsExactly(EVENTS);
        assertThat(sequences.get(socket.id())).containsExactlyElementsOf(IntStream.range(0, EVENTS).boxed().toList());
    }
}
