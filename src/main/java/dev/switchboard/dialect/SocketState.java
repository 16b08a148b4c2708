package dev.switchboard.dialect;

import dev.switchboard.identity.User;

/**
 * What Switchboard keeps per connection: who it is, the queue its events run on, and which
 * {@link Dialect}s it has spoken (so that it is not sent the same news in every vocabulary).
 */
public final class SocketState {
    private final User user;
    private final SerialExecutor work;
    private volatile int dialects; // bits of Dialect; 0 until the client sends a dialect's event

    public SocketState(User user, SerialExecutor work) {
        this.user = user;
        this.work = work;
    }

    public User user() {
        return user;
    }

    public SerialExecutor work() {
        return work;
    }

    /** Records that the connection sent an event of {@code dialect}; returns the dialects (bits) it had spoken before. */
    int spoke(Dialect dialect) {
        int before = dialects;
        if ((before & dialect.bit()) == 0) dialects = before | dialect.bit(); // benign race: bits are only ever added
        return before;
    }

    /** True when this connection has sent an event of the dialect. */
    public boolean spoken(Dialect dialect) {
        return (dialects & dialect.bit()) != 0;
    }

    /** True when this connection should get the dialect's events. */
    public boolean listensTo(Dialect dialect) {
        int d = dialects;
        return d == 0 || (d & dialect.bit()) != 0;
    }
}
