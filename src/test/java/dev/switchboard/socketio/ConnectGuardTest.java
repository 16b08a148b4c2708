package dev.switchboard.socketio;

import static dev.switchboard.socketio.JavaClients.await;
import static dev.switchboard.socketio.JavaClients.connect;
import static dev.switchboard.socketio.JavaClients.once;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socket.client.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A namespace's {@link ConnectGuard} admits or refuses clients, now or later. */
class ConnectGuardTest {
    private SioTestServer server;
    private final JavaClients clients = new JavaClients();

    @BeforeEach
    void start() throws Exception {
        server = SioTestServer.start();
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private Socket socket(String token) {
        return clients.socket(server.port(), "/", JavaClients.WEBSOCKET, token == null ? null : Map.of("token", token));
    }

    private static CompletionStage<Object> byToken(ObjectNode auth) {
        if ("good".equals(auth.path("token").asText())) return CompletableFuture.completedFuture("user-42");
        return CompletableFuture.failedFuture(new ConnectRefusedException("unauthorized", Map.of("code", "INVALID_TOKEN")));
    }

    @Test
    void refusesWithTheMessageAndDataTheClientSeesInConnectError() throws Exception {
        server.namespace("/").guard((handshake, auth) -> byToken(auth));
        Socket socket = socket("bad");
        CompletableFuture<Object[]> error = once(socket, Socket.EVENT_CONNECT_ERROR);

        socket.connect();

        JSONObject err = (JSONObject) await(error)[0];
        assertThat(err.getString("message")).isEqualTo("unauthorized");
        assertThat(err.getJSONObject("data").getString("code")).isEqualTo("INVALID_TOKEN");
        assertThat(socket.connected()).isFalse();
        assertThat(server.namespace("/").size()).isZero();
    }

    @Test
    void admitsWithThePrincipalTheGuardReturned() throws Exception {
        CompletableFuture<SioSocket> connected = new CompletableFuture<>();
        CompletableFuture<String> tokenSeen = new CompletableFuture<>();
        server.namespace("/").guard((handshake, auth) -> byToken(auth)).onConnection(s -> {
            tokenSeen.complete(s.auth().get("token").asText());
            connected.complete(s);
        });

        Socket socket = connect(socket("good"));

        SioSocket serverSide = await(connected);
        assertThat(serverSide.<String>principal()).isEqualTo("user-42");
        assertThat(await(tokenSeen)).as("the CONNECT payload, seen by a connection listener").isEqualTo("good");
        assertThat(serverSide.id()).isEqualTo(socket.id());
    }

    @Test
    void forgetsTheConnectPayloadOnceTheConnectionListenersRan() throws Exception {
        CompletableFuture<SioSocket> connected = new CompletableFuture<>();
        CompletableFuture<Boolean> emptyLater = new CompletableFuture<>();
        server.namespace("/").guard((handshake, auth) -> byToken(auth)).onConnection(connected::complete)
                .onDisconnect((s, reason) -> emptyLater.complete(s.auth().isEmpty()));

        connect(socket("good"));
        await(connected).disconnect(); // runs on the socket's loop, after the connection listeners

        assertThat(await(emptyLater)).as("no token kept for the connection's life").isTrue();
    }

    @Test
    void givesTheGuardTheHandshakeAndAnEmptyAuthWhenNoneWasSent() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        server.namespace("/").guard((handshake, auth) -> {
            seen.complete(handshake.query().get("transport") + " " + auth);
            return CompletableFuture.completedFuture(null);
        });

        connect(socket(null));

        assertThat(await(seen)).isEqualTo("websocket {}");
    }

    @Test
    void connectsWhenTheGuardCompletesLaterOnAnotherThread() throws Exception {
        CompletableFuture<Object> decision = new CompletableFuture<>();
        CountDownLatch asked = new CountDownLatch(1);
        server.namespace("/").guard((handshake, auth) -> {
            asked.countDown();
            return decision;
        });
        Socket socket = socket("any");
        CompletableFuture<Object[]> connected = once(socket, Socket.EVENT_CONNECT);

        socket.connect();
        JavaClients.await(asked, JavaClients.TIMEOUT_MILLIS);
        assertThat(connected).as("no CONNECT reply before the guard decides").isNotDone();
        Thread.ofPlatform().name("slow-auth").start(() -> decision.complete("late-user"));

        await(connected);
        assertThat(server.namespace("/").sockets()).singleElement()
                .satisfies(s -> assertThat(s.<String>principal()).isEqualTo("late-user"));
    }

    @Test
    void refusesWhenTheGuardFailsLaterOnAnotherThread() throws Exception {
        CompletableFuture<Object> decision = new CompletableFuture<>();
        server.namespace("/").guard((handshake, auth) -> decision);
        Socket socket = socket("any");
        CompletableFuture<Object[]> error = once(socket, Socket.EVENT_CONNECT_ERROR);

        socket.connect();
        Thread.ofPlatform().start(() -> decision.completeExceptionally(
                new ConnectRefusedException("banned", Map.of("code", "BANNED", "until", 1234))));

        JSONObject err = (JSONObject) await(error)[0];
        assertThat(err.getString("message")).isEqualTo("banned");
        assertThat(err.getJSONObject("data").getInt("until")).isEqualTo(1234);
    }

    @Test
    void refusesWhenTheGuardThrowsInsteadOfReturningAFailedStage() throws Exception {
        server.namespace("/").guard((handshake, auth) -> {
            throw new ConnectRefusedException("unauthorized", Map.of("code", "INVALID_TOKEN"));
        });
        Socket socket = socket("bad");
        CompletableFuture<Object[]> error = once(socket, Socket.EVENT_CONNECT_ERROR);

        socket.connect();

        JSONObject err = (JSONObject) await(error)[0];
        assertThat(err.getString("message")).isEqualTo("unauthorized");
        assertThat(err.getJSONObject("data").getString("code")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void hidesUnexpectedGuardFailuresBehindAnInternalError() throws Exception {
        server.namespace("/").guard((handshake, auth) ->
                CompletableFuture.failedFuture(new IllegalStateException("database down: secret details")));
        Socket socket = socket("any");
        CompletableFuture<Object[]> error = once(socket, Socket.EVENT_CONNECT_ERROR);

        socket.connect();

        JSONObject err = (JSONObject) await(error)[0];
        assertThat(err.getString("message")).isEqualTo("Internal error");
        assertThat(err.toString()).doesNotContain("secret");
    }

    @Test
    void guardsEachNamespaceOnItsOwn() throws Exception {
        server.namespace("/admin").guard((handshake, auth) -> byToken(auth));
        Socket open = connect(socket("bad"));
        Socket admin = clients.socket(server.port(), "/admin", JavaClients.WEBSOCKET, Map.of("token", "bad"));
        CompletableFuture<Object[]> error = once(admin, Socket.EVENT_CONNECT_ERROR);

        admin.connect();

        assertThat(((JSONObject) await(error)[0]).getString("message")).isEqualTo("unauthorized");
        assertThat(open.connected()).isTrue();
    }
}
