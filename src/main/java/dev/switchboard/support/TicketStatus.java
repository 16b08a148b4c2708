package dev.switchboard.support;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/**
 * Where a support chat stands: open → in_progress → resolved → closed, and back to open (reopen).
 * Wire names are lower case with an underscore; seed 003's {@code in-progress} is accepted too.
 */
public enum TicketStatus {
    OPEN,
    IN_PROGRESS,
    RESOLVED,
    CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketStatus fromWire(String name) {
        if (name != null) {
            String n = name.trim().replace('-', '_');
            for (TicketStatus s : values()) {
                if (s.wire().equalsIgnoreCase(n)) return s;
            }
        }
        throw SwitchboardException.invalid("unknown status: " + name + " (open, in_progress, resolved, closed)");
    }
}
