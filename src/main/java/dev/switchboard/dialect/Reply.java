package dev.switchboard.dialect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.io.IOException;

/**
 * The shape of every acknowledgement: {@code {"ok":true,"data":...}} or
 * {@code {"ok":false,"error":{"code":"NOT_PARTICIPANT","message":"..."}}}. Written by its own
 * serializer (the bean serializer's JSON: {@code data} and {@code error} left out when null), the value
 * of {@code data} by the serializer of its own type: one ack per event, and the generic path's property
 * writer for {@code Object} was the longest single compilation of the JIT's first seconds under load
 * (docs/performance.md, step 24).
 */
@JsonSerialize(using = Reply.Serializer.class)
public record Reply(boolean ok, Object data, Error error) {
    /** The error object of failed events, also sent alone as {@code chat:error} when there is no ack. */
    public record Error(String code, String message, String event) {
        public static Error of(SwitchboardException e, String event) {
            return new Error(e.code().name(), e.getMessage(), event);
        }

        public static Error internal(String event) {
            return new Error(ErrorCode.INTERNAL.name(), ErrorCode.INTERNAL.defaultMessage(), event);
        }
    }

    public static Reply ok(Object data) {
        return new Reply(true, data, null);
    }

    public static Reply failed(Error error) {
        return new Reply(false, null, error);
    }

    static final class Serializer extends StdSerializer<Reply> {
        private static final SerializableString OK = new SerializedString("ok");
        private static final SerializableString DATA = new SerializedString("data");
        private static final SerializableString ERROR = new SerializedString("error");

        Serializer() {
            super(Reply.class);
        }

        @Override
        public void serialize(Reply reply, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(reply);
            gen.writeFieldName(OK);
            gen.writeBoolean(reply.ok);
            if (reply.data != null) {
                gen.writeFieldName(DATA);
                provider.defaultSerializeValue(reply.data, gen);
            }
            if (reply.error != null) {
                gen.writeFieldName(ERROR);
                provider.defaultSerializeValue(reply.error, gen);
            }
            gen.writeEndObject();
        }
    }
}
