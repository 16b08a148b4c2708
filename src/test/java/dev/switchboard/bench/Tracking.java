package dev.switchboard.bench;

/** Turns the packets a scenario's sockets receive into {@link DeliveryTracker} records. */
final class Tracking {
    private Tracking() {}

    /** Seed 004's delivery event. */
    static final String RECEIVE_MESSAGE = "receive-message";
    /** The native API's, which also reaches the sender's own connections (not counted). */
    static final String NEW_MESSAGE = "chat:new_message";

    /**
     * An ack {@code 43<id>[{"ok":true,"data":{...}}]} of one of our sends (matched by its ack id), or a
     * {@code 42["<deliveryEvent>",{...}]} delivery to receiver number {@code receiver} from someone else;
     * every other packet ({@code chat:new_message} where it is not the delivery event, {@code
     * message-sent}, presence) is ignored.
     */
    static void onPacket(DeliveryTracker t, SioConnection c, int loop, int receiver, String packet, long now,
            String deliveryEvent) {
        boolean ack = packet.startsWith("43");
        if (!ack && !Frames.isEvent(packet, deliveryEvent)) return;
        // the native sender's own copy (seed 004 sends none, and its figures stay comparable without the look)
        if (!ack && deliveryEvent.equals(NEW_MESSAGE) && c.userId.equals(Frames.stringField(packet, "senderId"))) return;
        int seq = ack ? c.takeAckSeq(packet) : t.seqOf(Frames.stringField(packet, "clientMessageId"));
        if (ack && !packet.contains("\"ok\":true")) {
            t.onAckError(loop, seq, packet);
            return;
        }
        String message = Frames.stringField(packet, "message");
        if (seq < 0 || message == null) {
            t.onStray(loop);
            return;
        }
        long sentNanos = Frames.sentNanos(message);
        if (ack) t.onAck(loop, seq, sentNanos, now);
        else t.onDelivery(loop, seq, receiver, sentNanos, now);
    }
}
