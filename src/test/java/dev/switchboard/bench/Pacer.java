package dev.switchboard.bench;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Open-loop sending on one event loop: every millisecond it sends whatever the clock says is due
 * ({@code rate} per second since {@code startNanos}) up to {@code quota} messages, and never
 * waits for a reply. A late tick catches up in a burst, so the offered rate holds on average.
 */
final class Pacer {
    private final long startNanos;
    private final long ratePerSecond;
    private final int quota;
    private final IntConsumer send;
    private final ScheduledFuture<?> tick;
    private int sent; // touched on the loop only

    Pacer(EventLoop loop, long startNanos, long ratePerSecond, int quota, IntConsumer send) {
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
        this.quota = quota;
        this.send = send;
        long delay = Math.max(0, startNanos - System.nanoTime());
        this.tick = loop.scheduleAtFixedRate(this::tick, delay, 1_000_000, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed < 0) return;
        long due = Math.min(quota, elapsed * ratePerSecond / 1_000_000_000L);
        while (sent < due) send.accept(sent++);
        if (sent >= quota) tick.cancel(false);
    }

    void cancel() {
        tick.cancel(false);
    }

    /** Splits {@code total} into {@code parts} shares proportional to {@code weights}. */
    static long[] split(long total, int[] weights) {
        long sum = 0;
        for (int w : weights) sum += w;
        long[] shares = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            shares[i] = sum == 0 ? 0 : total * weights[i] / sum;
            given += shares[i];
        }
        for (int i = 0; given < total && weights.length > 0; i = (i + 1) % weights.length) {
            if (weights[i] > 0) {
                shares[i]++;
                given++;
            }
        }
        return shares;
    }
}
