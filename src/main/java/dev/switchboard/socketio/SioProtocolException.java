package dev.switchboard.socketio;

/** A packet that breaks the Socket.IO protocol; the connection that sent it is closed. */
final class SioProtocolException extends Exception {
    SioProtocolException(String message) {
        super(message, null, false, false);
    }
}
