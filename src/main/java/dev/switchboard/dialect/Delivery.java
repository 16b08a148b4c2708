package dev.switchboard.dialect;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.socketio.Namespace;
import dev.switchboard.socketio.SioSocket;
import dev.switchboard.support.SupportChatService;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Addresses events to people rather than sockets: every connection of a user joins the user's
 * room, and sockets that opened a conversation join its room. Thread-safe.
 */
public final class Delivery {
    private final Namespace namespace;
    private final LatestOnly latest;

    /** Sends "the state now" broadcasts at once, each one (for tests of single events). */
    public Delivery(Namespace namespace) {
        this(namespace, new LatestOnly((task, delay) -> task.run(), Duration.ZERO, System::nanoTime));
    }

    public Delivery(Namespace namespace, LatestOnly latest) {
        this.namespace = namespace;
        this.latest = latest;
    }

    private static final String[] STAFF_LISTENING = staffListeningRooms();

    /**
     * The room of the staff connections (agents, admins) that listen to {@code dialect}: all of them while
     * silent, then those that have spoken it ({@code staff:<dialect>}). Announcements to staff in one
     * dialect go through it, so that a customer's message no longer walks every staff connection to find
     * the few (often none) that listen to seed 003 (docs/performance.md, step 28).
     */
    static String staffListening(Dialect dialect) {
        return STAFF_LISTENING[dialect.ordinal()];
    }

    private static String[] staffListeningRooms() {
        String[] rooms = new String[Dialect.values().length];
        for (Dialect d : Dialect.values()) rooms[d.ordinal()] = "staff:" + d.name().toLowerCase(Locale.ROOT);
        return rooms;
    }

    /** A staff connection opens: it listens to every dialect until it speaks one. */
    static void staffOpened(SioSocket socket) {
        for (String room : STAFF_LISTENING) socket.join(room);
    }

    /**
     * A staff connection spoke {@code dialect}, having spoken the dialects of {@code before} (bits): its
     * first dialect ends its listening to the others; a later new one adds that one.
     */
    static void staffSpoke(SioSocket socket, int before, Dialect dialect) {
        if (before == 0) {
            for (Dialect d : Dialect.values()) {
                if (d != dialect) socket.leave(staffListening(d));
            }
        } else if ((before & dialect.bit()) == 0) {
            socket.join(staffListening(dialect));
        }
    }

    public static String userRoom(UserId user) {
        return "user:" + user.value();
    }

    public static String conversationRoom(ConversationId conversation) {
        return "conversation:" + conversation.value();
    }

    /** Every connection of each user that listens to the dialect, each connection once. */
    public void toUsers(Collection<UserId> users, Dialect dialect, String event, Object... args) {
        if (users.isEmpty()) return;
        String[] rooms = new String[users.size()];
        int i = 0;
        for (UserId user : users) rooms[i++] = userRoom(user);
        namespace.to(rooms).filter(socket -> listens(socket, dialect)).emit(event, args);
    }

    /**
     * Whether some connection of these users listens to the dialect: {@link #toUsers} would reach
     * someone. Asked before building a payload that nobody may need.
     */
    public boolean anyListening(Collection<UserId> users, Dialect dialect) {
        return anyConnection(users, socket -> listens(socket, dialect));
    }

    /** Whether some connection of these users has spoken the dialect: {@link #toUserSpeaking} would reach someone. */
    public boolean anySpeaking(Collection<UserId> users, Dialect dialect) {
        return anyConnection(users, socket -> speaks(socket, dialect));
    }

    private boolean anyConnection(Collection<UserId> users, Predicate<SioSocket> test) {
        for (UserId user : users) {
            if (namespace.anyInRoom(userRoom(user), test)) return true;
        }
        return false;
    }

    public void toUser(UserId user, Dialect dialect, String event, Object... args) {
        namespace.to(userRoom(user)).filter(socket -> listens(socket, dialect)).emit(event, args);
    }

    /** Sockets that joined the conversation (they speak the native dialect), except one (the sender's), if given. */
    public void toConversation(ConversationId conversation, String exceptSocketId, String event, Object... args) {
        var broadcast = namespace.to(conversationRoom(conversation));
        if (exceptSocketId != null) broadcast = broadcast.except(exceptSocketId);
        broadcast.emit(event, args);
    }

    /** Like {@link #toConversation}, but only the sockets of support staff (agents, admins). */
    public void toConversationStaff(ConversationId conversation, String exceptSocketId, String event, Object... args) {
        var broadcast = namespace.to(conversationRoom(conversation));
        if (exceptSocketId != null) broadcast = broadcast.except(exceptSocketId);
        broadcast.filter(Delivery::staff).emit(event, args);
    }

    private static boolean staff(SioSocket socket) {
        SocketState state = socket.state();
        return state != null && SupportChatService.isSupportStaff(state.user().role());
    }

    private static boolean listens(SioSocket socket, Dialect dialect) {
        SocketState state = socket.state();
        return state != null && state.listensTo(dialect);
    }

    /** Whether the connection has sent an event of the dialect (not merely listens, as a silent one does). */
    private static boolean speaks(SioSocket socket, Dialect dialect) {
        SocketState state = socket.state();
        return state != null && state.spoken(dialect);
    }

    /** The connections of a user that have sent an event of the dialect (not the silent ones). */
    public void toUserSpeaking(UserId user, Dialect dialect, String event, Object... args) {
        namespace.to(userRoom(user)).filter(socket -> speaks(socket, dialect)).emit(event, args);
    }

    /** Every connection in a room (e.g. {@code staff}) that listens to the dialect. */
    public void toRoom(String room, Dialect dialect, String event, Object... args) {
        namespace.to(room).filter(socket -> listens(socket, dialect)).emit(event, args);
    }

    /** Every connection that listens to the dialect. */
    public void toAll(Dialect dialect, String event, Object... args) {
        namespace.all().filter(socket -> listens(socket, dialect)).emit(event, args);
    }

    /**
     * The state now, to every connection that listens to the dialect: at most one such broadcast per
     * event and window, computed when it is sent, so that a burst of changes costs one ({@link LatestOnly}).
     */
    public void latestToAll(Dialect dialect, String event, Supplier<?> state) {
        latest.submit(dialect.name() + " " + event, () -> toAll(dialect, event, state.get()));
    }

    /** Every connection of support staff (agents, admins) that listens to the dialect, each once. */
    public void toStaff(Dialect dialect, String event, Object... args) {
        namespace.to(staffListening(dialect)).filter(socket -> listens(socket, dialect)).emit(event, args);
    }

    /**
     * Every connection of support staff that has sent an event of the dialect (not the silent ones):
     * news about every agent, which a connection that has not asked for the agents cannot use, and
     * which sent to every fresh connection would make a burst of N agents connecting cost N² frames.
     */
    public void toStaffSpeaking(Dialect dialect, String event, Object... args) {
        namespace.to(staffListening(dialect)).filter(socket -> speaks(socket, dialect)).emit(event, args);
    }

    /** Everyone connected to the namespace. */
    public void toAll(String event, Object... args) {
        namespace.emit(event, args);
    }

    public Namespace namespace() {
        return namespace;
    }
}
