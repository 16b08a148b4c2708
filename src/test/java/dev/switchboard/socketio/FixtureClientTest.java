package dev.switchboard.socketio;

import static dev.switchboard.socketio.JavaClients.await;
import static dev.switchboard.socketio.JavaClients.connect;
import static dev.switchboard.socketio.JavaClients.emitWithAck;
import static dev.switchboard.socketio.JavaClients.once;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.fixture.ConformanceFixture;
import dev.switchboard.http.HttpServer;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The official Java client against the conformance fixture's {@code /socket.io/} server. */
class FixtureClientTest {
    private static HttpServer fixture;
    private final JavaClients clients = new JavaClients();

    @BeforeAll
    static void start() throws Exception {
        fixture = ConformanceFixture.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("websocket only", JavaClients.WEBSOCKET),
                Arguments.of("polling only", JavaClients.POLLING),
                Arguments.of("polling then upgrade", JavaClients.UPGRADE));
    }

    private Socket socket(String namespace, String[] transports, Map<String, String> auth) {
        return clients.socket(fixture.port(), namespace, transports, auth);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void connectsToBothNamespacesAndGetsItsAuthEchoed(String name, String[] transports) throws Exception {
        for (String namespace : new String[] {"/", "/custom"}) {
            Socket socket = socket(namespace, transports, Map.of("token", "tok-" + namespace));
            CompletableFuture<Object[]> auth = once(socket, "auth");
            CompletableFuture<Object[]> upgraded = JavaClients.upgraded(socket);

            connect(socket);

            assertThat(socket.connected()).isTrue();
            assertThat(socket.id()).isNotBlank();
            assertThat(((JSONObject) await(auth)[0]).getString("token")).isEqualTo("tok-" + namespace);
            if (transports.length > 1) await(upgraded);
        }
    }

    @Test
    void echoesAnEmptyAuthWhenTheClientSentNone() throws Exception {
        Socket socket = socket("/", JavaClients.WEBSOCKET, null);
        CompletableFuture<Object[]> auth = once(socket, "auth");

        connect(socket);

        assertThat(((JSONObject) await(auth)[0]).length()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void answersAnEmitWithAckWithTheSameArguments(String name, String[] transports) throws Exception {
        Socket socket = connect(socket("/", transports, Map.of()));

        Object[] ack = await(emitWithAck(socket, "message-with-ack", 1, "2", new JSONObject().put("3", true)));

        assertThat(ack).hasSize(3);
        assertThat(ack[0]).isEqualTo(1);
        assertThat(ack[1]).isEqualTo("2");
        assertThat(((JSONObject) ack[2]).getBoolean("3")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void sendsMessageBackWithMixedArgumentsInOrder(String name, String[] transports) throws Exception {
        Socket socket = connect(socket("/", transports, Map.of()));
        CompletableFuture<Object[]> back = once(socket, "message-back");

        socket.emit("message", 1, "two", new JSONArray().put(3).put("four"), new JSONObject().put("five", 5.5), true);

        Object[] args = await(back);
        assertThat(args).hasSize(5);
        assertThat(args[0]).isEqualTo(1);
        assertThat(args[1]).isEqualTo("two");
        assertThat(args[2].toString()).isEqualTo("[3,\"four\"]");
        assertThat(((JSONObject) args[3]).getDouble("five")).isEqualTo(5.5);
        assertThat(args[4]).isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void roundTripsBinaryArgumentsInsideObjectsAndArrays(String name, String[] transports) throws Exception {
        Socket socket = connect(socket("/", transports, Map.of()));
        CompletableFuture<Object[]> back = once(socket, "message-back");
        JSONObject file = new JSONObject().put("name", "a.bin").put("body", new byte[] {1, 2, 3})
                .put("parts", new JSONArray().put(new byte[] {4}).put("text"));

        socket.emit("message", new byte[] {(byte) 0xca, (byte) 0xfe}, file);

        Object[] args = await(back);
        assertThat(args[0]).isEqualTo(new byte[] {(byte) 0xca, (byte) 0xfe});
        JSONObject echoed = (JSONObject) args[1];
        assertThat(echoed.getString("name")).isEqualTo("a.bin");
        assertThat(echoed.get("body")).isEqualTo(new byte[] {1, 2, 3});
        assertThat(echoed.getJSONArray("parts").get(0)).isEqualTo(new byte[] {4});
        assertThat(echoed.getJSONArray("parts").get(1)).isEqualTo("text");

        Object[] ack = await(emitWithAck(socket, "message-with-ack", new byte[] {9}, file));
        assertThat(ack[0]).isEqualTo(new byte[] {9});
        assertThat(((JSONObject) ack[1]).get("body")).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void refusesAnUnknownNamespaceWithInvalidNamespace() throws Exception {
        Socket socket = socket("/nowhere", JavaClients.WEBSOCKET, Map.of());
        CompletableFuture<Object[]> error = once(socket, Socket.EVENT_CONNECT_ERROR);

        socket.connect();

        assertThat(((JSONObject) await(error)[0]).getString("message")).isEqualTo("Invalid namespace");
        assertThat(socket.connected()).isFalse();
    }

    @Test
    void keepsTheMainNamespaceWorkingAfterLeavingCustomOnTheSameConnection() throws Exception {
        Manager manager = clients.manager(fixture.port(), JavaClients.WEBSOCKET);
        IO.Options auth = JavaClients.options(JavaClients.WEBSOCKET, Map.of("token", "shared"));
        Socket main = connect(clients.track(manager.socket("/", auth)));
        Socket custom = connect(clients.track(manager.socket("/custom", auth)));
        CompletableFuture<Object[]> customClosed = once(custom, Socket.EVENT_DISCONNECT);

        custom.disconnect();

        assertThat(await(customClosed)[0]).isEqualTo("io client disconnect");
        assertThat(main.connected()).isTrue();
        Object[] ack = await(emitWithAck(main, "message-with-ack", "still here"));
        assertThat(ack).containsExactly("still here");
    }
}
