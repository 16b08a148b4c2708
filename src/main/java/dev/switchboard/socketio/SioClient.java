package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engineio.EngineListener;
import dev.switchboard.engineio.EngineSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO side of one Engine.IO session: decodes its packets, reassembles binary packets,
 * connects it to namespaces and routes events and acks to its sockets. Confined to the session's
 * event loop.
 */
final class SioClient implements EngineListener {
    private static final Logger log = LoggerFactory.getLogger(SioClient.class);
    private static final SioSocket[] NONE = {};

    private final SocketIoServer server;
    private final EngineSession engine;
    // One per connected namespace, nearly always one: an array, not a map (it is kept per idle connection)
    private SioSocket[] sockets = NONE;
    private ScheduledFuture<?> connectTimer; // until the first namespace is connected
    private SioPacket partial; // a binary packet waiting for its attachments
    private List<byte[]> received;

    SioClient(SocketIoServer server, EngineSession engine) {
        this.server = server;
        this.engine = engine;
    }

    EngineSession engine() {
        return engine;
    }

    void start(long connectTimeoutMillis) {
        connectTimer = engine.loop().schedule(() -> {
            if (sockets.length == 0) engine.close("connect timeout");
        }, connectTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    ObjectNode emptyObject() {
        return server.json().createObjectNode();
    }

    private SioSocket socket(String nsp) {
        for (SioSocket socket : sockets) {
            if (socket.namespace().name().equals(nsp)) return socket;
        }
        return null;
    }

    private void add(SioSocket socket) {
        SioSocket[] grown = Arrays.copyOf(sockets, sockets.length + 1);
        grown[sockets.length] = socket;
        sockets = grown;
    }

    /** Removes the socket of that namespace and returns it, or null when there is none. */
    private SioSocket remove(String nsp) {
        SioSocket socket = socket(nsp);
        if (socket == null) return null;
        SioSocket[] rest = new SioSocket[sockets.length - 1];
        int i = 0;
        for (SioSocket s : sockets) {
            if (s != socket) rest[i++] = s;
        }
        sockets = rest.length == 0 ? NONE : rest;
        return socket;
    }

    void send(SioEncoder.Encoded packet) {
        if (packet.attachments().isEmpty()) {
            engine.sendMessage(packet.shared());
        } else {
            engine.sendMessage(packet.text(), packet.attachments());
        }
    }

    @Override
    public void onMessage(EngineSession session, String text) {
        if (partial != null) {
            protocolError("text packet while reconstructing a binary packet");
            return;
        }
        SioPacket packet;
        try {
            packet = server.parser().decode(text);
        } catch (SioProtocolException e) {
            protocolError(e.getMessage());
            return;
        }
        if (packet.attachments() > 0) {
            partial = packet;
            received = new ArrayList<>(packet.attachments());
        } else {
            dispatch(packet.withData(packet.data())); // a binary packet with no attachments is a plain one
        }
    }

    @Override
    public void onBinary(EngineSession session, byte[] data) {
        if (partial == null) {
            protocolError("unexpected binary frame");
            return;
        }
        received.add(data);
        if (received.size() < partial.attachments()) return;
        SioPacket packet = partial;
        List<byte[]> attachments = received;
        partial = null;
        received = null;
        try {
            dispatch(packet.withData(Binaries.reconstruct(packet.data(), attachments)));
        } catch (SioProtocolException e) {
            protocolError(e.getMessage());
        }
    }

    @Override
    public void onClose(EngineSession session, String reason) {
        if (connectTimer != null) connectTimer.cancel(false);
        SioSocket[] open = sockets;
        sockets = NONE;
        for (SioSocket socket : open) socket.onClosed(reason);
    }

    private void protocolError(String why) {
        log.debug("closing session {}: {}", engine.id(), why);
        engine.close("parse error");
    }

    private void dispatch(SioPacket packet) {
        switch (packet.type()) {
            case SioPacket.CONNECT -> connect(packet);
            case SioPacket.DISCONNECT -> {
                SioSocket socket = remove(packet.nsp());
                if (socket != null) socket.onClosed("client namespace disconnect");
            }
            case SioPacket.EVENT -> {
                SioSocket socket = socket(packet.nsp());
                if (socket == null) return; // not connected to that namespace: ignored, as the reference does
                if (packet.data() == null) {
                    protocolError("event without payload");
                    return;
                }
                socket.onEvent((ArrayNode) packet.data(), packet.ackId());
            }
            case SioPacket.ACK -> {
                SioSocket socket = socket(packet.nsp());
                if (socket != null) socket.onAck(packet.ackId(), (ArrayNode) packet.data());
            }
            default -> protocolError("a client may not send packet type " + packet.type());
        }
    }

    private void connect(SioPacket packet) {
        Namespace namespace = server.namespace(packet.nsp(), false);
        if (namespace == null) {
            send(server.encoder().encode(SioPacket.CONNECT_ERROR, packet.nsp(), -1,
                    server.json().createObjectNode().put("message", "Invalid namespace")));
            return;
        }
        if (socket(packet.nsp()) != null) return; // already connected; a duplicate CONNECT changes nothing
        JsonNode data = packet.data();
        ObjectNode auth = data == null ? server.json().createObjectNode() : (ObjectNode) data;
        CompletionStage<Object> decision;
        try {
            decision = namespace.guard().authorize(engine.handshake(), auth);
        } catch (RuntimeException e) {
            // A guard that throws (typically a ConnectRefusedException) instead of returning a
            // failed stage refuses the same way; unhandled, the exception escaped into the
            // transport handler, which closed the whole connection without a CONNECT_ERROR.
            decision = CompletableFuture.failedFuture(e);
        }
        decision.whenComplete((principal, failure) ->
                engine.loop().execute(() -> completeConnect(namespace, auth, principal, failure)));
    }

    private void completeConnect(Namespace namespace, ObjectNode auth, Object principal, Throwable failure) {
        if (!engine.isOpen() || socket(namespace.name()) != null) return;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause != null) {
            ObjectNode error = server.json().createObjectNode();
            if (cause instanceof ConnectRefusedException refused) {
                error.put("message", refused.getMessage());
                error.set("data", server.json().valueToTree(refused.data()));
            } else {
                log.warn("connect guard of namespace {} failed", namespace.name(), cause);
                error.put("message", "Internal error");
            }
            send(server.encoder().encode(SioPacket.CONNECT_ERROR, namespace.name(), -1, error));
            return;
        }
        SioSocket socket = new SioSocket(namespace, this, server.newSocketId(), auth, principal);
        add(socket);
        if (connectTimer != null) {
            // connected in time: the timer has nothing left to check, and it would stay queued on
            // the loop for the rest of the timeout with every new connection
            connectTimer.cancel(false);
            connectTimer = null;
        }
        // The namespace knows the socket before the client learns it is connected (as in the
        // reference server): otherwise a broadcast made after the client saw its CONNECT reply
        // could miss it. Broadcasts from other threads in between queue behind the reply on
        // this loop. Connection listeners run after the reply, so that what they emit follows it.
        namespace.register(socket);
        send(server.encoder().encode(SioPacket.CONNECT, namespace.name(), -1,
                server.json().createObjectNode().put("sid", socket.id())));
        namespace.added(socket);
        socket.forgetAuth();
    }

    /**
     * The server ends every namespace connection, then the session; runs on the loop. The close waits for
     * the DISCONNECT packets, which wait for writes handed over from other threads before them: the
     * official Java client does not notice a WebSocket close frame and learns of the end from them.
     */
    void disconnectAll() {
        for (SioSocket socket : sockets) disconnect(socket);
        engine.closeAfterWrites("server closed the connection");
    }

    /** The server ends one namespace connection; runs on the loop. */
    void disconnect(SioSocket socket) {
        if (socket(socket.namespace().name()) == socket) {
            remove(socket.namespace().name());
            send(server.encoder().encode(SioPacket.DISCONNECT, socket.namespace().name(), -1, null));
            socket.onClosed("server namespace disconnect");
        }
    }
}
