package dev.switchboard.engineio;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The long-polling half of an {@link EngineSession}: the GET held open until packets wait, the packets
 * buffered for it, the POSTs that carry the client's packets, and what a poll gets after the session
 * ended. The session keeps the state and the WebSocket; this asks it through package-private calls.
 * Confined to the session's loop.
 */
final class LongPolling {
    private final EngineSession session;
    private HttpExchange pendingPoll;
    private ArrayDeque<Object> buffer; // String text packets or byte[] messages
    private ArrayDeque<Object> lastPoll; // closed while no poll was pending: what the next poll gets; see linger()

    LongPolling(EngineSession session) {
        this.session = session;
    }

    /** Buffers a packet for the next poll, and answers a waiting poll with it when {@code deliver}. */
    void add(Object packet, boolean deliver) {
        if (buffer == null) buffer = new ArrayDeque<>(4);
        buffer.add(packet);
        if (pendingPoll != null && deliver) flush();
    }

    /** A GET poll. Answered at once when packets wait, otherwise held until there are some. */
    void onPoll(HttpExchange poll) {
        if (lastPoll != null) {
            ArrayDeque<Object> packets = lastPoll;
            lastPoll = null;
            session.server().remove(session);
            poll.payload(packets);
            return;
        }
        if (refused(poll)) return;
        if (pendingPoll != null) {
            // two concurrent polls on one session: a broken client; end the session
            poll.error(EngineError.BAD_REQUEST);
            session.close("overlap from client", "1");
            return;
        }
        pendingPoll = poll;
        if (session.upgrading()) {
            // Mid-upgrade (as the reference does): hold the poll briefly and end it with a noop;
            // if the upgrade completes first, it was a request on the old transport and is refused.
            session.loop().schedule(() -> {
                if (pendingPoll == poll) {
                    pendingPoll = null;
                    poll.text("6");
                }
            }, EngineSession.UPGRADING_POLL_HOLD_MILLIS, TimeUnit.MILLISECONDS);
        } else if (buffer != null && !buffer.isEmpty()) {
            flush();
        } else {
            // a client that gives up its poll frees the slot for its next one
            poll.ctx.channel().closeFuture().addListener(f -> session.onLoop(() -> {
                if (pendingPoll == poll) pendingPoll = null;
            }));
        }
    }

    /** A POST carrying a payload of packets. */
    void onPost(HttpExchange post, String payload) {
        if (refused(post)) return;
        boolean valid = EnginePayload.decode(payload, new EnginePayload.Sink() {
            @Override
            public boolean text(char type, String data) {
                session.onTextPacket(type, data);
                return session.isOpen();
            }

            @Override
            public boolean binary(byte[] data) {
                session.onBinaryPacket(data);
                return session.isOpen();
            }
        });
        if (valid) {
            post.send(HttpResponseStatus.OK, "text/html", Unpooled.copiedBuffer(new byte[] {'o', 'k'}));
        } else {
            post.error(EngineError.BAD_REQUEST);
            session.close("parse error", "6");
        }
    }

    /** Ends a waiting poll with {@code reply} (an upgrade's probe: a noop) or, when null, refuses it (the upgrade is done). */
    void endPendingPoll(String reply) {
        if (pendingPoll == null) return;
        HttpExchange poll = pendingPoll;
        pendingPoll = null;
        if (reply != null) {
            poll.text(reply);
        } else {
            poll.error(EngineError.BAD_REQUEST);
        }
    }

    /** Gives a waiting poll what is buffered (after an upgrade that failed). */
    void resume() {
        if (pendingPoll != null && buffer != null && !buffer.isEmpty()) flush();
    }

    /** Hands what is buffered to the new transport, and buffers nothing more (the upgrade is done). */
    void drainTo(Consumer<Object> transport) {
        if (buffer != null) buffer.forEach(transport);
        buffer = null;
    }

    /**
     * The session ended: a waiting poll gets {@code reply}, after what is buffered when the server ended
     * it ({@code reply} 1); with no poll waiting, the next one does, when {@code keep} (see linger).
     */
    void end(String reply, boolean keep) {
        ArrayDeque<Object> last = new ArrayDeque<>(2);
        if ("1".equals(reply) && buffer != null) last.addAll(buffer); // the server's last words
        last.add(reply);
        buffer = null;
        if (pendingPoll != null) {
            HttpExchange poll = pendingPoll;
            pendingPoll = null;
            poll.payload(last);
        } else if (keep) {
            linger(last);
        }
    }

    /** Answers a request the session cannot take (it is over, or a WebSocket carries it); true when it did. */
    private boolean refused(HttpExchange request) {
        if (session.expired()) {
            request.error(EngineError.UNKNOWN_SID);
            return true;
        }
        if (session.usesWebSocket()) {
            request.error(EngineError.BAD_REQUEST);
            return true;
        }
        return false;
    }

    private void flush() {
        HttpExchange poll = pendingPoll;
        pendingPoll = null;
        poll.payload(buffer);
        buffer.clear();
    }

    /**
     * A polling session that ends while no poll is pending keeps its id for one ping timeout, so
     * that the next poll still gets a proper ending: a clean noop when the client closed (its last
     * GET may be on its way on another connection), or the packets still buffered followed by a
     * close packet when the server ended it. Any other request, and a second poll, find it dead.
     */
    private void linger(ArrayDeque<Object> packets) {
        lastPoll = packets;
        session.server().keep(session);
        session.loop().schedule(() -> {
            if (lastPoll == packets) {
                lastPoll = null;
                session.server().remove(session);
            }
        }, session.server().config().pingTimeoutMillis(), TimeUnit.MILLISECONDS);
    }
}
