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

    /**
     * Whether the workflow allows moving from this status to {@code next}: forward along open →
     * in_progress → resolved → closed (steps may be skipped), and reopening a resolved or closed
     * chat (→ open). Staying put is not a move.
     */
    public boolean canMoveTo(TicketStatus next) {
        if (next == this) return false;
        if (next == OPEN) return this == RESOLVED || this == CLOSED;
        return this != CLOSED && next.ordinal() > ordinal();
    }

    /** Seed 003's spelling: {@code in-progress}. */
    public String seed003() {
        return wire().replace('_', '-');
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
