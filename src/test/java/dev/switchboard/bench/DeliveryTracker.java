package dev.switchboard.bench;

/**
 * Bookkeeping of one measured step: which messages were sent, how often each receiver got each
 * one, which were acknowledged, and the latencies of those sent inside the measured window.
 * Messages are numbered 0..capacity-1 ({@code seq}); receiver {@code r} of message {@code seq}
 * has slot {@code seq * receivers + r}. Each slot and each message is written by one event loop
 * only (the receiving or the sending socket's), per-loop counters and histograms by their loop;
 * {@link Clients#onEveryLoop} before {@link #counts} makes all of it visible to the reader.
 */
final class DeliveryTracker {
    private static final byte REFUSED = -1;

    final String tag;
    final int capacity;
    final int receivers;
    private final byte[] sent;
    private final byte[] acked;
    private final byte[] received;
    private final Histogram[] delivery;
    private final Histogram[] ack;
    private final long[] deliveredInWindow;
    private final long[] ackErrors;
    private final long[] strays;
    private volatile String firstError;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    DeliveryTracker(String tag, int capacity, int receivers, int loops) {
        this.tag = tag;
        this.capacity = capacity;
        this.receivers = receivers;
        sent = new byte[capacity];
        acked = new byte[capacity];
        received = new byte[Math.multiplyExact(capacity, receivers)];
        delivery = new Histogram[loops];
        ack = new Histogram[loops];
        for (int i = 0; i < loops; i++) {
            delivery[i] = new Histogram();
            ack[i] = new Histogram();
        }
        deliveredInWindow = new long[loops];
        ackErrors = new long[loops];
        strays = new long[loops];
    }

    void window(long startNanos, long endNanos) {
        windowStart = startNanos;
        windowEnd = endNanos;
    }

    String clientMessageId(int seq) {
        return tag + "." + seq;
    }

    void markSent(int seq) {
        sent[seq] = 1;
    }

    /** {@code seq} of a clientMessageId of this step, or -1 (another step's or a stranger's). */
    int seqOf(String clientMessageId) {
        if (clientMessageId == null || !clientMessageId.startsWith(tag) || clientMessageId.length() <= tag.length() + 1
                || clientMessageId.charAt(tag.length()) != '.') {
            return -1;
        }
        try {
            int seq = Integer.parseInt(clientMessageId, tag.length() + 1, clientMessageId.length(), 10);
            return seq < capacity ? seq : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void onDelivery(int loop, int seq, int receiver, long sentNanos, long now) {
        int slot = seq * receivers + receiver;
        if (received[slot] < Byte.MAX_VALUE) received[slot]++;
        if (now >= windowStart && now < windowEnd) deliveredInWindow[loop]++;
        if (sentNanos >= windowStart && sentNanos < windowEnd) delivery[loop].recordNanos(now - sentNanos);
    }

    void onAck(int loop, int seq, long sentNanos, long now) {
        if (acked[seq] >= 0 && acked[seq] < Byte.MAX_VALUE) acked[seq]++;
        if (sentNanos >= windowStart && sentNanos < windowEnd) ack[loop].recordNanos(now - sentNanos);
    }

    /** A refused send ({@code ok:false}): not expected to arrive, so not counted as lost. */
    void onAckError(int loop, int seq, String packet) {
        ackErrors[loop]++;
        if (seq >= 0) acked[seq] = REFUSED;
        if (firstError == null) firstError = packet.length() > 300 ? packet.substring(0, 300) : packet;
    }

    void onStray(int loop) {
        strays[loop]++;
    }

    /** Whether everything sent so far has arrived everywhere and been acknowledged. */
    boolean settled() {
        for (int seq = 0; seq < capacity; seq++) {
            if (sent[seq] == 0 || acked[seq] == REFUSED) continue;
            if (acked[seq] == 0) return false;
            for (int r = 0; r < receivers; r++) if (received[seq * receivers + r] == 0) return false;
        }
        return true;
    }

    StepCounts counts(long genCpuMillis) {
        long sentCount = 0, deliveries = 0, lost = 0, dup = 0, acks = 0, missingAcks = 0;
        for (int seq = 0; seq < capacity; seq++) {
            if (sent[seq] == 0) continue;
            sentCount++;
            if (acked[seq] == REFUSED) continue;
            if (acked[seq] == 0) missingAcks++; else acks++;
            for (int r = 0; r < receivers; r++) {
                int n = received[seq * receivers + r];
                deliveries += n;
                if (n == 0) lost++;
                if (n > 1) dup += n - 1;
            }
        }
        Histogram d = new Histogram();
        Histogram a = new Histogram();
        long inWindow = 0, errors = 0, stray = 0;
        for (int i = 0; i < delivery.length; i++) {
            d.add(delivery[i]);
            a.add(ack[i]);
            inWindow += deliveredInWindow[i];
            errors += ackErrors[i];
            stray += strays[i];
        }
        return new StepCounts(sentCount, (long) sentCount * receivers, deliveries, inWindow, lost, dup, acks,
                missingAcks, errors, stray, firstError, d, a, genCpuMillis);
    }
}
