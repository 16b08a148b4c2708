package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.engineio.Handshake;
import dev.switchboard.identity.IdentityService;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserStore;
import dev.switchboard.presence.PresenceService;
import dev.switchboard.socketio.ConnectRefusedException;
import dev.switchboard.socketio.Namespace;
import dev.switchboard.socketio.SioSocket;
import dev.switchboard.support.SupportChatService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a connection: the handshake's token is checked before the namespace accepts it
 * (refusals reach the client's {@code connect_error} with {@code data.code}), every connection
 * joins its user's room, and presence is announced when a user's first connection opens and their
 * last one closes.
 */
public final class ChatGateway {
    private static final Logger log = LoggerFactory.getLogger(ChatGateway.class);

    private final IdentityService identity;
    private final UserStore users;
    private final PresenceService presence;
    private final ChatAnnouncer announcer;
    private final ExecutorService workers;
    private final Clock clock;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Hears connections open and close, after authentication, on the connection's serial queue (a
     * virtual thread: blocking allowed; the close always after the open).
     */
    public interface ConnectionListener {
        void opened(SioSocket socket, User user);

        void closed(SioSocket socket, User user);
    }

    public ChatGateway(IdentityService identity, UserStore users, PresenceService presence, ChatAnnouncer announcer,
            ExecutorService workers, Clock clock) {
        this.identity = identity;
        this.users = users;
        this.presence = presence;
        this.announcer = announcer;
        this.workers = workers;
        this.clock = clock;
    }

    /** Adds a listener; add them all before the server accepts connections. */
    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void install(Namespace namespace) {
        namespace.guard((handshake, auth) -> CompletableFuture.supplyAsync(() -> authenticate(handshake, auth), workers));
        namespace.onConnection(this::opened);
        namespace.onDisconnect(this::closed);
    }

    private Object authenticate(Handshake handshake, ObjectNode auth) {
        String token = token(handshake, auth);
        if (token == null) {
            throw new ConnectRefusedException("authentication required",
                    Map.of("code", "UNAUTHENTICATED", "message", "send an access token as auth.token"));
        }
        try {
            return identity.authenticate(token);
        } catch (SwitchboardException e) {
            throw new ConnectRefusedException(e.getMessage(), Map.of("code", e.code().name(), "message", e.getMessage()));
        }
    }

    /** {@code auth.token} (the official clients' way), else {@code ?token=}, else an Authorization header. */
    static String token(Handshake handshake, ObjectNode auth) {
        JsonNode fromAuth = auth.get("token");
        String token = fromAuth != null && fromAuth.isTextual() ? fromAuth.asText() : handshake.query().get("token");
        if (token == null) {
            String header = handshake.headers().get("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) token = header.substring(7);
        }
        if (token == null) return null;
        token = token.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private void opened(SioSocket socket) {
        User user = socket.principal();
        SocketState state = new SocketState(user, new SerialExecutor(workers));
        socket.state(state);
        socket.join(Delivery.userRoom(user.id()));
        if (SupportChatService.isSupportStaff(user.role())) Delivery.staffOpened(socket);
        state.work().execute(() -> {
            if (presence.connected(user.id())) announcer.online(user);
            for (ConnectionListener listener : listeners) {
                try {
                    listener.opened(socket, user);
                } catch (RuntimeException e) {
                    log.warn("opening socket {} of user {}: {}", socket.id(), user.id(), e.toString());
                }
            }
        });
        log.debug("user {} connected on socket {} ({})", user.id(), socket.id(), socket.transport());
    }

    private void closed(SioSocket socket, String reason) {
        SocketState state = socket.state();
        if (state == null) return;
        User user = state.user();
        state.work().execute(() -> {
            for (ConnectionListener listener : listeners) {
                try {
                    listener.closed(socket, user);
                } catch (RuntimeException e) {
                    log.warn("closing socket {} of user {}: {}", socket.id(), user.id(), e.toString());
                }
            }
            if (!presence.disconnected(user.id())) return;
            Instant now = clock.instant();
            users.touchLastSeen(user.id(), now);
            announcer.offline(user, now);
        });
        log.debug("user {} socket {} closed: {}", user.id(), socket.id(), reason);
    }
}
