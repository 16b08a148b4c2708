package dev.switchboard.socketio;

import java.util.Map;

/**
 * Refuses a namespace CONNECT. The client's {@code connect_error} gets {@code message} and, as
 * {@code err.data}, the given map.
 */
public final class ConnectRefusedException extends RuntimeException {
    private final transient Map<String, Object> data;

    public ConnectRefusedException(String message, Map<String, Object> data) {
        super(message, null, false, false);
        this.data = Map.copyOf(data);
    }

    public Map<String, Object> data() {
        return data;
    }
}
