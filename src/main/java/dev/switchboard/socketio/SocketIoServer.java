package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.switchboard.engineio.EngineSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Socket.IO protocol v5 on top of an {@link dev.switchboard.engineio.EngineServer}: give
 * {@link #connectionHandler()} to the engine, then declare namespaces and their handlers.
 */
public final class SocketIoServer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;
    private final long connectTimeoutMillis;
    private final SioParser parser;
    private final SioEncoder encoder;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    public SocketIoServer(ObjectMapper json, long connectTimeoutMillis) {
        this.json = json;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.parser = new SioParser(json);
        this.encoder = new SioEncoder(json);
        namespace("/");
    }

    /** The namespace with this name, created on first use. */
    public Namespace namespace(String name) {
        return namespace(name, true);
    }

    Namespace namespace(String name, boolean create) {
        return create ? namespaces.computeIfAbsent(name, n -> new Namespace(this, n)) : namespaces.get(name);
    }

    /** Hands each new Engine.IO session to Socket.IO; pass it to the engine server. */
    public Consumer<EngineSession> connectionHandler() {
        return session -> {
            SioClient client = new SioClient(this, session);
            session.attachment(client);
            session.listener(client);
            client.start(connectTimeoutMillis);
        };
    }

    ObjectMapper json() {
        return json;
    }

    SioParser parser() {
        return parser;
    }

    SioEncoder encoder() {
        return encoder;
    }

    JsonNode toNode(Object value) {
        if (value instanceof JsonNode node) return node;
        if (value instanceof byte[] bytes) return BinaryNode.valueOf(bytes);
        return json.valueToTree(value);
    }

    String newSocketId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
