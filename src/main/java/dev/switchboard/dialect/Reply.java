package dev.switchboard.dialect;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;

/**
 * The shape of every acknowledgement: {@code {"ok":true,"data":...}} or
 * {@code {"ok":false,"error":{"code":"NOT_PARTICIPANT","message":"..."}}}.
 */
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
}
