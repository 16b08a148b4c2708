package dev.switchboard.dialect;

import dev.switchboard.identity.SessionTerminator;
import dev.switchboard.identity.UserId;
import dev.switchboard.socketio.Namespace;
import dev.switchboard.socketio.SioSocket;

/**
 * Closes every connection of a user on this node (each gets a DISCONNECT packet, after which the
 * official clients do not reconnect by themselves; a reconnect would be refused anyway).
 */
public final class SocketSessionTerminator implements SessionTerminator {
    private final Namespace namespace;

    public SocketSessionTerminator(Namespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public void disconnectAll(UserId user) {
        namespace.room(Delivery.userRoom(user)).forEach(SioSocket::closeConnection);
    }
}
