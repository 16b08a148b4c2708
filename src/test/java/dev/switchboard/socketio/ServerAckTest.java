package dev.switchboard.socketio;

import static dev.switchboard.socketio.JavaClients.await;
import static dev.switchboard.socketio.JavaClients.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socket.client.Ack;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SioSocket#emitWithAck}: the client's answer, or a timeout when there is none. */
class ServerAckTest {
    private SioTestServer server;
    private final JavaClients clients = new JavaClients();
    private final CompletableFuture<SioSocket> serverSide = new CompletableFuture<>();
    private Socket client;

    /** Completes with the client's ack arguments, or with "timeout". */
    private static final class Answer implements SioSocket.AckCallback {
        final CompletableFuture<Object> result = new CompletableFuture<>();

        @Override
        public void onAck(ArrayNode args) {
            result.complete(args);
        }

        @Override
        public void onTimeout() {
            result.complete("timeout");
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = SioTestServer.start();
        server.namespace("/").onConnection(serverSide::complete);
        client = clients.socket(server.port(), "/", JavaClients.WEBSOCKET, Map.of());
        JSONObject attachment = new JSONObject().put("file", new byte[] {1, 2});
        client.on("question", args -> {
            Ack ack = (Ack) args[args.length - 1];
            ack.call("answer to " + args[0], 42, attachment);
        });
        client.on("ignored", args -> { }); // never calls its ack
        connect(client);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void getsTheClientsAnswerIncludingBinary() throws Exception {
        Answer answer = new Answer();

        await(serverSide).emitWithAck("question", Duration.ofSeconds(5), answer, "life");

        ArrayNode args = (ArrayNode) await(answer.result);
        assertThat(args.get(0).asText()).isEqualTo("answer to life");
        assertThat(args.get(1).asInt()).isEqualTo(42);
        assertThat(args.get(2).get("file").binaryValue()).containsExactly(1, 2);
    }

    @Test
    void matchesEachAnswerToItsOwnQuestion() throws Exception {
        SioSocket socket = await(serverSide);
        Answer first = new Answer();
        Answer second = new Answer();

        socket.emitWithAck("question", Duration.ofSeconds(5), first, "one");
        socket.emitWithAck("question", Duration.ofSeconds(5), second, "two");

        assertThat(((ArrayNode) await(first.result)).get(0).asText()).isEqualTo("answer to one");
        assertThat(((ArrayNode) await(second.result)).get(0).asText()).isEqualTo("answer to two");
    }

    @Test
    void timesOutWhenTheClientDoesNotAnswer() throws Exception {
        Answer answer = new Answer();
        long start = System.nanoTime();

        await(serverSide).emitWithAck("ignored", Duration.ofMillis(200), answer);

        assertThat(await(answer.result)).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(client.connected()).isTrue();
    }

    @Test
    void endsAPendingAckWithATimeoutWhenTheClientLeaves() throws Exception {
        Answer answer = new Answer();
        await(serverSide).emitWithAck("ignored", Duration.ofMinutes(5), answer);
        // a round trip on the same connection: the event above has reached the client
        CompletableFuture<Object[]> echoed = new CompletableFuture<>();
        server.namespace("/").on("ping", (s, args, ack) -> ack.send("pong"));
        client.emit("ping", new Object[0], echoed::complete);
        await(echoed);

        client.disconnect();

        assertThat(await(answer.result)).isEqualTo("timeout");
    }

    @Test
    void timesOutAtOnceOnASocketAlreadyDisconnected() throws Exception {
        SioSocket socket = await(serverSide);
        CompletableFuture<String> gone = new CompletableFuture<>();
        server.namespace("/").onDisconnect((s, reason) -> gone.complete(reason));
        client.disconnect();
        await(gone);
        Answer answer = new Answer();

        socket.emitWithAck("question", Duration.ofMinutes(5), answer, "too late");

        assertThat(await(answer.result)).isEqualTo("timeout");
    }
}
