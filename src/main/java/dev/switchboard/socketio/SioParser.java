package dev.switchboard.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/** Decodes the text form of Socket.IO v5 packets and checks their payload shape, as the reference parser does. */
final class SioParser {
    private static final Set<String> RESERVED_EVENTS =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    private static final int MAX_ATTACHMENTS = 1000;

    private final ObjectMapper json;

    SioParser(ObjectMapper json) {
        this.json = json;
    }

    SioPacket decode(String text) throws SioProtocolException {
        if (text.isEmpty()) throw new SioProtocolException("empty packet");
        int type = text.charAt(0) - '0';
        if (type < SioPacket.CONNECT || type > SioPacket.BINARY_ACK) throw new SioProtocolException("unknown packet type");
        int i = 1;
        int attachments = 0;
        if (type == SioPacket.BINARY_EVENT || type == SioPacket.BINARY_ACK) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 4) throw new SioProtocolException("illegal attachments");
            attachments = digits(text, i, dash);
            if (attachments < 0 || attachments > MAX_ATTACHMENTS) throw new SioProtocolException("illegal attachments");
            i = dash + 1;
        }
        String nsp = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            nsp = text.substring(i, end);
            i = comma < 0 ? end : end + 1;
        }
        long ackId = -1;
        int idStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - idStart < 18) i++;
        if (i > idStart) ackId = Long.parseLong(text, idStart, i, 10);
        JsonNode data = null;
        if (i < text.length()) {
            try {
                data = json.readTree(text.substring(i));
            } catch (JsonProcessingException e) {
                throw new SioProtocolException("invalid payload");
            }
            if (!payloadValid(type, data)) throw new SioProtocolException("invalid payload");
        }
        return new SioPacket(type, nsp, ackId, data, attachments);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean payloadValid(int type, JsonNode data) {
        return switch (type) {
            case SioPacket.CONNECT -> data.isObject();
            case SioPacket.DISCONNECT -> false;
            case SioPacket.CONNECT_ERROR -> data.isTextual() || data.isObject();
            case SioPacket.EVENT, SioPacket.BINARY_EVENT -> data.isArray() && !data.isEmpty()
                    && (data.get(0).isNumber() || (data.get(0).isTextual() && !RESERVED_EVENTS.contains(data.get(0).asText())));
            case SioPacket.ACK, SioPacket.BINARY_ACK -> data.isArray();
            default -> false;
        };
    }
}
