package dev.switchboard.socketio;

import static dev.switchboard.socketio.JavaClients.await;
import static dev.switchboard.socketio.JavaClients.connect;
import static dev.switchboard.socketio.JavaClients.emitWithAck;
import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms and broadcasts. Each client records every event it gets, in order; a broadcast is
 * followed by a {@code marker} to everyone, so that once a client has the marker it has anything
 * sent to it before (one connection delivers in order) and "got nothing" can be asserted.
 */
class RoomsTest {
    private SioTestServer server;
    private final JavaClients clients = new JavaClients();
    private final Map<String, Socket> byName = new LinkedHashMap<>();
    private final Map<String, BlockingQueue<String>> received = new ConcurrentHashMap<>();
    private final Map<String, SioSocket> serverSockets = new ConcurrentHashMap<>();
    private int markers;

    @BeforeEach
    void start() throws Exception {
        server = SioTestServer.start();
        server.namespace("/")
                .onConnection(s -> serverSockets.put(s.auth().get("name").asText(), s))
                .on("join", (socket, args, ack) -> {
                    socket.join(args.get(0).asText());
                    ack.send(socket.rooms());
                })
                .on("leave", (socket, args, ack) -> {
                    socket.leave(args.get(0).asText());
                    ack.send(socket.rooms());
                });
        for (String name : List.of("ann", "bob", "cat", "dan")) {
            Socket socket = clients.socket(server.port(), "/", JavaClients.WEBSOCKET, Map.of("name", name));
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            socket.onAnyIncoming(args -> events.add(args[0] + ":" + (args.length > 1 ? args[1] : "")));
            received.put(name, events);
            byName.put(name, connect(socket));
        }
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private void join(String name, String room) throws Exception {
        assertThat(await(emitWithAck(byName.get(name), "join", room))[0].toString()).contains(room);
    }

    /** Sends a marker to everyone, waits until all have it, and returns what each got before it. */
    private Map<String, List<String>> receivedUpToMarker() throws Exception {
        String marker = "marker:" + (++markers);
        server.namespace("/").emit("marker", markers);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            List<String> before = new ArrayList<>();
            while (true) {
                String event = received.get(name).poll(JavaClients.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                assertThat(event).as("%s got %s before the marker, then nothing", name, before).isNotNull();
                if (event.equals(marker)) break;
                before.add(event);
            }
            out.put(name, before);
        }
        return out;
    }

    @Test
    void emitsToTheMembersOfARoomOnly() throws Exception {
        join("ann", "vip");
        join("cat", "vip");

        int sent = server.namespace("/").to("vip").emit("news", "for vip");

        assertThat(sent).isEqualTo(2);
        assertThat(receivedUpToMarker()).containsExactly(
                Map.entry("ann", List.of("news:for vip")), Map.entry("bob", List.of()),
                Map.entry("cat", List.of("news:for vip")), Map.entry("dan", List.of()));
    }

    @Test
    void emitsToEverySocketThatPassesAFilterWhateverItsRooms() throws Exception {
        join("ann", "vip");
        Socket bob = byName.get("bob");
        Socket dan = byName.get("dan");

        int sent = server.namespace("/").all()
                .filter(s -> s.id().equals(bob.id()) || s.id().equals(dan.id())).emit("news", "for some");

        assertThat(sent).isEqualTo(2);
        assertThat(receivedUpToMarker()).containsExactly(
                Map.entry("ann", List.of()), Map.entry("bob", List.of("news:for some")),
                Map.entry("cat", List.of()), Map.entry("dan", List.of("news:for some")));
        assertThat(server.namespace("/").all().filter(s -> false).emit("news", "for nobody")).isZero();
    }

    @Test
    void stopsReachingASocketThatLeftTheRoom() throws Exception {
        join("ann", "vip");
        join("bob", "vip");
        assertThat(await(emitWithAck(byName.get("ann"), "leave", "vip"))[0].toString()).doesNotContain("vip");

        server.namespace("/").to("vip").emit("news", "after leave");

        assertThat(receivedUpToMarker().get("ann")).isEmpty();
        assertThat(server.namespace("/").room("vip")).extracting(SioSocket::id).containsExactly(byName.get("bob").id());
    }

    @Test
    void skipsTheExceptedSockets() throws Exception {
        join("ann", "vip");
        join("bob", "vip");
        join("cat", "vip");

        int sent = server.namespace("/").to("vip").except(byName.get("bob").id()).emit("news", "not bob");

        assertThat(sent).isEqualTo(2);
        Map<String, List<String>> got = receivedUpToMarker();
        assertThat(got.get("ann")).containsExactly("news:not bob");
        assertThat(got.get("bob")).isEmpty();
        assertThat(got.get("cat")).containsExactly("news:not bob");
    }

    @Test
    void reachesASocketInSeveralTargetedRoomsOnce() throws Exception {
        join("ann", "red");
        join("ann", "blue");
        join("bob", "blue");
        join("cat", "green");

        int sent = server.namespace("/").to("red", "blue").to("green").emit("news", "once");

        assertThat(sent).isEqualTo(3);
        assertThat(receivedUpToMarker()).containsExactly(
                Map.entry("ann", List.of("news:once")), Map.entry("bob", List.of("news:once")),
                Map.entry("cat", List.of("news:once")), Map.entry("dan", List.of()));
    }

    @Test
    void reachesEachSocketOnceWhenMoreRoomsAreTargetedThanAreMergedOneByOne() throws Exception {
        for (String room : List.of("r1", "r2", "r3")) join("ann", room);
        for (String room : List.of("r3", "r4")) join("bob", room);
        join("cat", "r5");

        int sent = server.namespace("/").to("r1", "r2", "r3", "r4", "r5", "r6").emit("news", "once");

        assertThat(sent).isEqualTo(3);
        assertThat(receivedUpToMarker()).containsExactly(
                Map.entry("ann", List.of("news:once")), Map.entry("bob", List.of("news:once")),
                Map.entry("cat", List.of("news:once")), Map.entry("dan", List.of()));
    }

    @Test
    void skipsExceptedAndFilteredSocketsInEveryTargetedRoomWithoutSkippingTheRest() throws Exception {
        join("ann", "red");
        join("bob", "red");
        join("bob", "blue");
        join("cat", "blue");
        join("dan", "blue");
        String danId = byName.get("dan").id();

        // ann is excepted, dan filtered out; bob is in both rooms and cat only in the second
        int sent = server.namespace("/").to("red", "blue").except(byName.get("ann").id())
                .filter(s -> !s.id().equals(danId)).emit("news", "some");

        assertThat(sent).isEqualTo(2);
        assertThat(receivedUpToMarker()).containsExactly(
                Map.entry("ann", List.of()), Map.entry("bob", List.of("news:some")),
                Map.entry("cat", List.of("news:some")), Map.entry("dan", List.of()));
    }

    @Test
    void tellsWhetherSomeMemberOfARoomPassesATest() throws Exception {
        join("ann", "vip");
        join("bob", "vip");
        String bobId = byName.get("bob").id();
        Namespace namespace = server.namespace("/");

        assertThat(namespace.anyInRoom("vip", s -> s.id().equals(bobId))).isTrue();
        assertThat(namespace.anyInRoom("vip", s -> s.id().equals(byName.get("cat").id()))).isFalse();
        assertThat(namespace.anyInRoom("nobody-here", s -> true)).isFalse();
    }

    @Test
    void emitsToEverySocketOfTheNamespace() throws Exception {
        server.namespace("/").emit("news", "everyone");

        assertThat(receivedUpToMarker().values()).allSatisfy(events -> assertThat(events).containsExactly("news:everyone"));
    }

    @Test
    void emitsToNobodyInAnEmptyRoom() throws Exception {
        assertThat(server.namespace("/").to("nobody-here").emit("news", "void")).isZero();

        assertThat(receivedUpToMarker().values()).allSatisfy(events -> assertThat(events).isEmpty());
    }

    @Test
    void removesADisconnectedSocketFromItsRooms() throws Exception {
        join("ann", "vip");
        join("bob", "vip");
        CompletableFuture<String> gone = new CompletableFuture<>();
        server.namespace("/").onDisconnect((socket, reason) -> gone.complete(socket.id()));
        String annId = byName.get("ann").id();

        byName.get("ann").disconnect();

        assertThat(await(gone)).isEqualTo(annId);
        assertThat(server.namespace("/").room("vip")).extracting(SioSocket::id).containsExactly(byName.get("bob").id());
        assertThat(serverSockets.get("ann").rooms()).isEmpty();
        assertThat(server.namespace("/").to("vip").emit("news", "after disconnect")).isEqualTo(1);
    }
}
