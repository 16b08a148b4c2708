package dev.switchboard.routing;

import java.util.Locale;

/** Where a queue entry stands. The first three are active; the others are final. */
public enum EntryState {
    /** In the queue, nobody has it. */
    WAITING,
    /** In the queue and offered to one agent until a deadline. */
    OFFERED,
    /** Being served by an agent. */
    ASSIGNED,
    /** The customer left before an agent took the chat. */
    LEFT,
    /** Waited longer than the configured maximum. */
    TIMED_OUT,
    /** The chat was served and then ended by the customer or the agent. */
    ENDED;

    public boolean isQueued() {
        return this == WAITING || this == OFFERED;
    }

    public boolean isActive() {
        return isQueued() || this == ASSIGNED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
