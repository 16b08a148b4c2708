package dev.switchboard.engineio;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the Engine.IO v4 heartbeat: a ping every interval, and the session ends when
 * its pong does not come within the timeout. One timer at a time per session; confined to the
 * session's loop.
 *
 * <p>The first ping comes at a random point of the interval's second half rather than one whole
 * interval after the handshake. Sessions opened together (a ramp of connections, every client coming
 * back after a restart) would otherwise ping together, and answer together, for as long as they
 * live, since each later ping follows its pong by one interval. A client waits interval + timeout
 * for a ping, so one that comes sooner is within what it expects.
 */
final class Heartbeat {
    private final EventLoop loop;
    private final long intervalMillis;
    private final long timeoutNanos;
    private final Runnable sendPing;
    private final Runnable onTimeout;
    private ScheduledFuture<?> timer;
    private long pingDueNanos;
    private boolean awaitingPong;
    private long deadlineNanos;

    Heartbeat(EventLoop loop, EngineConfig config, Runnable sendPing, Runnable onTimeout) {
        this.loop = loop;
        this.intervalMillis = config.pingIntervalMillis();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.pingTimeoutMillis());
        this.sendPing = sendPing;
        this.onTimeout = onTimeout;
    }

    /** Schedules the session's first ping (see the class comment). */
    void start() {
        schedulePing(firstPingDelayMillis(intervalMillis, ThreadLocalRandom.current().nextDouble()));
    }

    /** The first ping's delay for a uniform {@code random} in [0, 1): from half the interval up to the whole. */
    static long firstPingDelayMillis(long intervalMillis, double random) {
        return intervalMillis - (long) (intervalMillis / 2 * random);
    }

    private void schedulePing(long delayMillis) {
        pingDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        timer = loop.schedule(this::ping, delayMillis, TimeUnit.MILLISECONDS);
    }

    // The deadline counts from when the ping was due, not from when a late timer sent it: the
    // announced schedule is interval + timeout after the last pong, whatever the load.
    private void ping() {
        awaitingPong = true;
        deadlineNanos = pingDueNanos + timeoutNanos;
        sendPing.run();
        timer = loop.schedule(() -> {
            if (awaitingPong) onTimeout.run();
        }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    void onPong() {
        if (!awaitingPong) return;
        awaitingPong = false;
        timer.cancel(false);
        schedulePing(intervalMillis);
    }

    /** True when the pong is overdue even if the timeout task has not run yet (timers run late under load). */
    boolean overdue() {
        return awaitingPong && System.nanoTime() - deadlineNanos > 0;
    }

    void stop() {
        if (timer != null) timer.cancel(false);
    }
}
