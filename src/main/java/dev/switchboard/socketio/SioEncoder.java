package dev.switchboard.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Encodes Socket.IO v5 packets: the text frame and, for binary packets, the attachment frames after it. */
final class SioEncoder {
    private final ObjectMapper json;

    SioEncoder(ObjectMapper json) {
        this.json = json;
    }

    /** An encoded packet, ready to be written to any number of sessions. */
    record Encoded(String text, List<byte[]> attachments) {}

    Encoded encode(int type, String nsp, long ackId, JsonNode data) {
        List<byte[]> attachments = List.of();
        JsonNode payload = data;
        if (data != null && Binaries.contains(data)) {
            attachments = new ArrayList<>();
            payload = Binaries.deconstruct(data, attachments);
            type = type == SioPacket.EVENT ? SioPacket.BINARY_EVENT : type == SioPacket.ACK ? SioPacket.BINARY_ACK : type;
        }
        StringBuilder out = new StringBuilder(64);
        out.append((char) ('0' + type));
        if (!attachments.isEmpty()) out.append(attachments.size()).append('-');
        if (!"/".equals(nsp)) out.append(nsp).append(',');
        if (ackId >= 0) out.append(ackId);
        if (payload != null) {
            try {
                out.append(json.writeValueAsString(payload));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        }
        return new Encoded(out.toString(), attachments);
    }
}
