package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/** How waiting customers reach agents. Wire and configuration names are lower case. */
public enum Strategy {
    /** Agents pick customers from the queue themselves (seed 000 {@code selectCustomer}). */
    MANUAL,
    /** The eligible agent whose last assignment is longest ago gets the next customer. */
    ROUND_ROBIN,
    /** The eligible agent with the fewest chats (and pending offers) gets it; ties go to the longest idle. */
    LEAST_BUSY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The strategy used when a customer must be routed automatically even though the desk picks by
     * hand (seed 002 {@code callAgent}, "transfer to any agent"): round robin, the fairest default.
     */
    public Strategy automatic() {
        return this == MANUAL ? ROUND_ROBIN : this;
    }

    public static Strategy fromWire(String name) {
        if (name != null) {
            for (Strategy s : values()) {
                if (s.wire().equalsIgnoreCase(name.trim())) return s;
            }
        }
        throw SwitchboardException.invalid("unknown routing strategy: " + name);
    }
}
