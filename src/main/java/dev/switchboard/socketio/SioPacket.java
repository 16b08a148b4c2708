package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded Socket.IO v5 packet. {@code ackId} is -1 when absent; {@code data} is null when the
 * packet had no payload; {@code attachments} counts the binary frames that follow a binary packet.
 */
record SioPacket(int type, String nsp, long ackId, JsonNode data, int attachments) {
    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;
    static final int BINARY_EVENT = 5;
    static final int BINARY_ACK = 6;

    SioPacket withData(JsonNode newData) {
        return new SioPacket(type == BINARY_EVENT ? EVENT : type == BINARY_ACK ? ACK : type, nsp, ackId, newData, 0);
    }
}
