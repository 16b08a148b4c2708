package dev.switchboard.common;

import java.util.Objects;

/** The one root exception of Switchboard's own failures; it always carries a stable {@link ErrorCode}. */
public class SwitchboardException extends RuntimeException {
    private final ErrorCode code;

    public SwitchboardException(ErrorCode code) {
        this(code, code.defaultMessage());
    }

    public SwitchboardException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    public SwitchboardException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }

    public static SwitchboardException notFound(ErrorCode code, String what) {
        return new SwitchboardException(code, what + " not found");
    }

    public static SwitchboardException invalid(String message) {
        return new SwitchboardException(ErrorCode.VALIDATION_FAILED, message);
    }
}
