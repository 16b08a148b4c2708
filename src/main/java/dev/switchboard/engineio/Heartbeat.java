package dev.switchboard.engineio;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the Engine.IO v4 heartbeat: a ping every interval, and the session ends when
 * its pong does not come within the timeout. One timer at a time per session; confined to the
 * session's loop.
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

    void start() {
        pingDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        timer = loop.schedule(this::ping, intervalMillis, TimeUnit.MILLISECONDS);
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
        start();
    }

    /** True when the pong is overdue even if the timeout task has not run yet (timers run late under load). */
    boolean overdue() {
        return awaitingPong && System.nanoTime() - deadlineNanos > 0;
    }

    void stop() {
        if (timer != null) timer.cancel(false);
    }
}
