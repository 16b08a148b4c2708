package dev.switchboard.identity;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/** Account state; only {@link #ACTIVE} users may connect (SPEC, Roles). */
public enum UserStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, ignoring case; anything else is VALIDATION_FAILED. */
    public static UserStatus fromWire(String name) {
        if (name != null) {
            for (UserStatus status : values()) {
                if (status.wire().equalsIgnoreCase(name.trim())) return status;
            }
        }
        throw SwitchboardException.invalid("unknown user status: " + name);
    }
}
