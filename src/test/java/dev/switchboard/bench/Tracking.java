package dev.switchboard.bench;

/** Turns the packets a scenario's sockets receive into {@link DeliveryTracker} records. */
final class Tracking {
    private Tracking() {}

    /**
     * An ack {@code 43<id>[{"ok":true,"data":{...}}]} of one of our sends (matched by its ack id), or a
     * {@code 42["receive-message",{...}]} delivery to receiver number {@code receiver}; every other
     * packet ({@code chat:new_message}, {@code message-sent}, presence) is ignored.
     */
    static void onPacket(DeliveryTracker t, SioConnection c, int loop, int receiver, String packet, long now) {
        boolean ack = packet.startsWith("43");
        if (!ack && !Frames.isEvent(packet, "receive-message")) return;
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
