package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.identity.UserId;
import java.util.Optional;

/**
 * Reads event payloads sent by clients, accepting the field-name variants the seed documents'
 * clients use, and turns anything malformed into a VALIDATION_FAILED error naming the field.
 */
public final class Args {
    private static final int MAX_ID_LENGTH = 128;

    private Args() {}

    /** The first argument as an object; absent means empty. */
    public static ObjectNode object(ArrayNode args) {
        if (args.isEmpty() || args.get(0).isNull()) return JsonNodeFactory.instance.objectNode();
        JsonNode first = args.get(0);
        if (!first.isObject()) throw SwitchboardException.invalid("the event payload must be an object");
        return (ObjectNode) first;
    }

    /** The first present field among {@code names} as text (numbers accepted), or empty. */
    public static Optional<String> text(ObjectNode payload, String... names) {
        for (String name : names) {
            JsonNode value = payload.get(name);
            if (value == null || value.isNull()) continue;
            if (!value.isTextual() && !value.isNumber()) {
                throw SwitchboardException.invalid(name + " must be a string");
            }
            return Optional.of(value.asText());
        }
        return Optional.empty();
    }

    public static String requiredText(ObjectNode payload, String... names) {
        return text(payload, names).orElseThrow(() -> SwitchboardException.invalid(names[0] + " is required"));
    }

    public static ConversationId conversationId(ObjectNode payload) {
        return new ConversationId(requiredId(payload, "conversationId", "chatId", "roomId", "id"));
    }

    public static MessageId messageId(ObjectNode payload) {
        return new MessageId(requiredId(payload, "messageId", "_id"));
    }

    public static UserId userId(ObjectNode payload, String... names) {
        return new UserId(requiredId(payload, names));
    }

    private static String requiredId(ObjectNode payload, String... names) {
        String id = requiredText(payload, names).trim();
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw SwitchboardException.invalid(names[0] + " must be 1.." + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    /** An optional whole number field. */
    public static Optional<Long> number(ObjectNode payload, String name) {
        JsonNode value = payload.get(name);
        if (value == null || value.isNull()) return Optional.empty();
        if (value.canConvertToLong() && value.isIntegralNumber()) return Optional.of(value.asLong());
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw SwitchboardException.invalid(name + " must be a whole number");
    }

    public static Optional<Boolean> bool(ObjectNode payload, String name) {
        JsonNode value = payload.get(name);
        if (value == null || value.isNull()) return Optional.empty();
        if (!value.isBoolean()) throw SwitchboardException.invalid(name + " must be true or false");
        return Optional.of(value.asBoolean());
    }

    public static int limit(ObjectNode payload, int defaultLimit) {
        long limit = number(payload, "limit").orElse((long) defaultLimit);
        if (limit < 1 || limit > 10_000) throw SwitchboardException.invalid("limit must be between 1 and 10000");
        return (int) limit;
    }
}
