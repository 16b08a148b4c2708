package dev.switchboard.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Moves binary values between a JSON tree and the attachment frames that travel after a binary
 * packet, using the {@code {"_placeholder":true,"num":n}} markers of the Socket.IO protocol.
 */
final class Binaries {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Binaries() {}

    static boolean contains(JsonNode node) {
        if (node.isBinary()) return true;
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (contains(child)) return true;
            }
        }
        return false;
    }

    /** Returns a copy of {@code node} with each binary value replaced by a placeholder appended to {@code out}. */
    static JsonNode deconstruct(JsonNode node, List<byte[]> out) {
        if (node instanceof BinaryNode binary) {
            ObjectNode placeholder = NODES.objectNode();
            placeholder.put("_placeholder", true);
            placeholder.put("num", out.size());
            out.add(binary.binaryValue());
            return placeholder;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = NODES.arrayNode(array.size());
            for (JsonNode child : array) copy.add(deconstruct(child, out));
            return copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), deconstruct(e.getValue(), out));
            }
            return copy;
        }
        return node;
    }

    /** Replaces placeholders in {@code node} (in place where possible) by the attachments they name. */
    static JsonNode reconstruct(JsonNode node, List<byte[]> attachments) throws SioProtocolException {
        if (node instanceof ObjectNode object) {
            if (object.path("_placeholder").asBoolean(false)) {
                JsonNode num = object.get("num");
                if (num == null || !num.canConvertToInt() || num.asInt() < 0 || num.asInt() >= attachments.size()) {
                    throw new SioProtocolException("illegal attachments");
                }
                return NODES.binaryNode(attachments.get(num.asInt()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(reconstruct(e.getValue(), attachments));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) array.set(i, reconstruct(array.get(i), attachments));
        }
        return node;
    }
}
