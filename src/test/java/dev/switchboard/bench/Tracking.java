package dev.switchboard.bench;

/** Turns the packets a scenario's sockets receive into {@link DeliveryTracker} records. */
final class Tracking {
    private Tracking() {}

    /**
     * An ack {@code 43<id>[{"ok":true,"data":{...}}]} of one of our sends, or a
     * {@code 42["receive-message",{...}]} delivery to receiver number {@code receiver}; every other
     * packet ({@code chat:new_message}, {@code message-sent}, presence) is ignored.
     */
    static void onPacket(DeliveryTracker t, int loop, int receiver, String packet, long now) {
        boolean ack = packet.startsWith("43");
        if (!ack && !Frames.isEvent(packet, "receive-message")) return;
        if (ack && !packet.contains("\"ok\":true")) {
            t.onAckError(loop, packet);
            return;
        }
        int seq = t.seqOf(Frames.stringField(packet, "clientMessageId"));
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
