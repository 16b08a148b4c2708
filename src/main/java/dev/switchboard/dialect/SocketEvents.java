package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.User;
import dev.switchboard.socketio.Ack;
import dev.switchboard.socketio.Namespace;
import dev.switchboard.socketio.SioSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Registers dialect event handlers with the behaviour all of them share: the handler runs on the
 * connection's {@link SerialExecutor} (blocking allowed, order kept), its result answers the ack
 * as {@link Reply}, and a failure answers the ack with an error or, without an ack, is emitted as
 * {@code chat:error}. Nothing a client sends can escape as an exception.
 */
public final class SocketEvents {
    private static final Logger log = LoggerFactory.getLogger(SocketEvents.class);
    public static final String ERROR_EVENT = "chat:error";
    /** Events one connection may have waiting or running; more are refused with RATE_LIMITED. */
    public static final int MAX_PENDING_EVENTS = 256;

    /** One event being handled; {@code wantsAck} tells whether the client will get the reply as an ack. */
    public record Call(SioSocket socket, User me, ArrayNode args, String event, boolean wantsAck) {
        public ObjectNode payload() {
            return Args.object(args);
        }
    }

    /** Handles an event; returns the ack's data (may be null). */
    @FunctionalInterface
    public interface Handler {
        Object handle(Call call) throws Exception;
    }

    private final Namespace namespace;

    public SocketEvents(Namespace namespace) {
        this.namespace = namespace;
    }

    /** Registers the handler of one event of a dialect; receiving it marks the connection as speaking that dialect. */
    public void on(Dialect dialect, String event, Handler handler) {
        namespace.on(event, (socket, args, ack) -> {
            SocketState state = socket.state();
            if (state == null) return; // connection is being torn down
            state.spoke(dialect);
            if (!state.work().tryExecute(() -> run(socket, state.user(), event, args, ack, handler), MAX_PENDING_EVENTS)) {
                fail(socket, ack, new Reply.Error(ErrorCode.RATE_LIMITED.name(),
                        "too many events waiting on this connection; wait for acks before sending more", event));
            }
        });
    }

    private static void run(SioSocket socket, User me, String event, ArrayNode args, Ack ack, Handler handler) {
        // no connected() check: a message sent just before the client vanished is still stored
        MDC.put("user", me.id().value());
        MDC.put("socket", socket.id());
        try {
            Object data = handler.handle(new Call(socket, me, args, event, ack != null));
            if (ack != null) ack.send(Reply.ok(data));
        } catch (SwitchboardException e) {
            fail(socket, ack, Reply.Error.of(e, event));
        } catch (Exception e) {
            log.error("event {} failed", event, e);
            fail(socket, ack, Reply.Error.internal(event));
        } finally {
            MDC.remove("user");
            MDC.remove("socket");
        }
    }

    private static void fail(SioSocket socket, Ack ack, Reply.Error error) {
        if (ack != null) {
            ack.send(Reply.failed(error));
        } else {
            socket.emit(ERROR_EVENT, error);
        }
    }
}
