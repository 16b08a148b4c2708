package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.User;
import dev.switchboard.socketio.Ack;
import dev.switchboard.socketio.Namespace;
import dev.switchboard.socketio.SioSocket;
import dev.switchboard.support.SupportChatService;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Registers dialect event handlers with the behaviour all of them share: the handler runs on the
 * connection's {@link SerialExecutor} (blocking allowed, order kept), its result answers the ack
 * as {@link Reply}, and a failure answers the ack with an error or, without an ack, is emitted as
 * {@code chat:error}. Nothing a client sends can escape as an exception.
 *
 * <p>A handler may come with a twin that answers on the event loop that read the event, when the
 * connection has nothing queued or running and answering needs no waiting (docs/architecture.md,
 * "Events on their loop"): the hand-over to a virtual thread and back costs more than most events.
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

    /**
     * Handles an event without waiting, on the event loop; what may wait afterwards goes to {@code later}
     * (the connection's executor, run after this event in order). Returns {@link #LATER}, having changed
     * nothing, when handling would wait: the event then goes to the ordinary handler on a virtual thread.
     */
    @FunctionalInterface
    public interface NowHandler {
        Object handleNow(Call call, Executor later) throws Exception;
    }

    /** What a {@link NowHandler} returns when the event must wait for a virtual thread. */
    public static final Object LATER = new Object();

    private final Namespace namespace;

    public SocketEvents(Namespace namespace) {
        this.namespace = namespace;
    }

    /** Registers the handler of one event of a dialect; receiving it marks the connection as speaking that dialect. */
    public void on(Dialect dialect, String event, Handler handler) {
        on(dialect, event, handler, null);
    }

    /** {@link #on(Dialect, String, Handler)} with a twin that answers on the event loop when it can (null: none). */
    public void on(Dialect dialect, String event, Handler handler, NowHandler now) {
        namespace.on(event, (socket, args, ack) -> {
            SocketState state = socket.state();
            if (state == null) return; // connection is being torn down
            int before = state.spoke(dialect);
            if ((before & dialect.bit()) == 0 && SupportChatService.isSupportStaff(state.user().role())) {
                Delivery.staffSpoke(socket, before, dialect);
            }
            if (now != null && state.work().tryClaim()) {
                runNow(socket, state, event, args, ack, handler, now);
                return;
            }
            if (!state.work().tryExecute(() -> run(socket, state.user(), event, args, ack, handler), MAX_PENDING_EVENTS)) {
                fail(socket, ack, new Reply.Error(ErrorCode.RATE_LIMITED.name(),
                        "too many events waiting on this connection; wait for acks before sending more", event));
            }
        });
    }

    /** Runs {@code now} in the connection's turn, then ends the turn or hands the event to {@code handler}. */
    private static void runNow(SioSocket socket, SocketState state, String event, ArrayNode args, Ack ack, Handler handler,
            NowHandler now) {
        User me = state.user();
        SerialExecutor work = state.work();
        boolean later = false;
        try {
            later = !answer(socket, me, event, ack, () -> now.handleNow(new Call(socket, me, args, event, ack != null), work));
        } finally {
            if (later) {
                work.continueWith(() -> run(socket, me, event, args, ack, handler));
            } else {
                work.release();
            }
        }
    }

    private static void run(SioSocket socket, User me, String event, ArrayNode args, Ack ack, Handler handler) {
        // no connected() check: a message sent just before the client vanished is still stored
        answer(socket, me, event, ack, () -> handler.handle(new Call(socket, me, args, event, ack != null)));
    }

    /** One handling of an event. */
    @FunctionalInterface
    private interface Handling {
        Object run() throws Exception;
    }

    /**
     * Runs a handling with its connection in the logging context and answers the client; returns false,
     * having answered nothing, when the handling returned {@link #LATER}.
     */
    private static boolean answer(SioSocket socket, User me, String event, Ack ack, Handling handling) {
        MDC.put("user", me.id().value());
        MDC.put("socket", socket.id());
        try {
            Object data = handling.run();
            if (data == LATER) return false;
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
        return true;
    }

    private static void fail(SioSocket socket, Ack ack, Reply.Error error) {
        if (ack != null) {
            ack.send(Reply.failed(error));
        } else {
            socket.emit(ERROR_EVENT, error);
        }
    }
}
