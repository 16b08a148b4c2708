package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engineio.Handshake;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client may join a namespace, given the session handshake and the CONNECT
 * payload ({@code auth}, an empty object when none was sent). It completes with the data to keep
 * on the socket, or exceptionally with a {@link ConnectRefusedException} whose data the client
 * receives in its {@code connect_error}. It may complete on any thread.
 */
@FunctionalInterface
public interface ConnectGuard {
    CompletionStage<Object> authorize(Handshake handshake, ObjectNode auth);

    ConnectGuard ALLOW_ALL = (handshake, auth) -> CompletableFuture.completedFuture(null);
}
