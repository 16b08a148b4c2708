package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/** An agent's own availability; only {@link #AVAILABLE} agents receive new chats. Wire names are lower case. */
public enum Availability {
    AVAILABLE,
    /** Working but taking no new chats (in a call, after-chat work); keeps the chats it has. */
    BUSY,
    /** Away from the desk; keeps the chats it has, receives no new ones. */
    AWAY,
    /** Signed off, or the last connection closed and the grace period passed; its chats go to others. */
    OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Availability fromWire(String name) {
        if (name != null) {
            for (Availability a : values()) {
                if (a.wire().equalsIgnoreCase(name.trim())) return a;
            }
        }
        throw SwitchboardException.invalid("unknown availability: " + name);
    }
}
