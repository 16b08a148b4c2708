package dev.switchboard.dialect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.UserId;
import java.io.IOException;
import java.time.Instant;

/**
 * Seed 004's message shape ({@code receive-message}, {@code message-sent}, the ack of {@code
 * send-message}). Written by its own serializer, field by field with names encoded once: the most
 * frequent payload of a seed 004 server, written twice per message (the ack and the delivery), where
 * the generic bean serializer spent ~3.5 % of the event loop (docs/performance.md, step 24). The JSON is
 * the one the bean serializer wrote: the components in order, {@code clientMessageId} left out when
 * null, {@code createdAt} in ISO-8601 ({@link Instant#toString}, as the mapper's time module writes).
 */
@JsonSerialize(using = DirectMessageView.Serializer.class)
public record DirectMessageView(
        String _id, String id, String conversationId, long seq, String senderId, String receiverId, String message,
        String clientMessageId, Instant createdAt) {

    /** The view of {@code m} for {@code receiver}, the other user of the direct conversation. */
    public static DirectMessageView of(Message m, UserId receiver) {
        return new DirectMessageView(m.id().value(), m.id().value(), m.conversationId().value(), m.seq(),
                m.senderId().value(), receiver.value(), m.text(), m.clientKey(), m.createdAt());
    }

    static final class Serializer extends StdSerializer<DirectMessageView> {
        private static final SerializableString UNDERSCORE_ID = new SerializedString("_id");
        private static final SerializableString ID = new SerializedString("id");
        private static final SerializableString CONVERSATION_ID = new SerializedString("conversationId");
        private static final SerializableString SEQ = new SerializedString("seq");
        private static final SerializableString SENDER_ID = new SerializedString("senderId");
        private static final SerializableString RECEIVER_ID = new SerializedString("receiverId");
        private static final SerializableString MESSAGE = new SerializedString("message");
        private static final SerializableString CLIENT_MESSAGE_ID = new SerializedString("clientMessageId");
        private static final SerializableString CREATED_AT = new SerializedString("createdAt");

        Serializer() {
            super(DirectMessageView.class);
        }

        @Override
        public void serialize(DirectMessageView v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(v);
            text(gen, UNDERSCORE_ID, v._id);
            text(gen, ID, v.id);
            text(gen, CONVERSATION_ID, v.conversationId);
            gen.writeFieldName(SEQ);
            gen.writeNumber(v.seq);
            text(gen, SENDER_ID, v.senderId);
            text(gen, RECEIVER_ID, v.receiverId);
            text(gen, MESSAGE, v.message);
            text(gen, CLIENT_MESSAGE_ID, v.clientMessageId);
            if (v.createdAt != null) text(gen, CREATED_AT, v.createdAt.toString());
            gen.writeEndObject();
        }

        /** A text field, left out when null (the mapper's inclusion rule). */
        private static void text(JsonGenerator gen, SerializableString name, String value) throws IOException {
            if (value == null) return;
            gen.writeFieldName(name);
            gen.writeString(value);
        }
    }
}
