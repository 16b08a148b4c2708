package dev.switchboard.conversation;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/**
 * Who may see a message: everyone in the conversation, or staff only (an internal note, seed 003's
 * {@code isInternalNote}). Stores filter notes out of every read for anyone who is not staff.
 */
public enum Visibility {
    ALL,
    STAFF;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility fromWire(String name) {
        for (Visibility v : values()) {
            if (v.wire().equalsIgnoreCase(name == null ? "" : name.trim())) return v;
        }
        throw SwitchboardException.invalid("unknown visibility: " + name + " (all, staff)");
    }
}
