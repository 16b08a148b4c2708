package dev.switchboard.support;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/** How urgent a support chat is; wire names are lower case. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority fromWire(String name) {
        if (name != null) {
            for (Priority p : values()) {
                if (p.wire().equalsIgnoreCase(name.trim())) return p;
            }
        }
        throw SwitchboardException.invalid("unknown priority: " + name + " (low, medium, high, urgent)");
    }
}
