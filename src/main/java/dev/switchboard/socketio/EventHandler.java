package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Handles one named event on a namespace. Runs on the connection's event loop: it must not block;
 * hand blocking work to another executor. {@code ack} is null when the client asked for none.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(SioSocket socket, ArrayNode args, Ack ack);
}
