package dev.switchboard.socketio;

/**
 * The acknowledgement a client asked for with an event. Answer it at most once, from any thread;
 * later calls are ignored.
 */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
