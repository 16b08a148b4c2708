package dev.switchboard.routing;

import java.util.Locale;

/** Why an agent lost an offer or a chat. */
public enum ReleaseReason {
    /** The agent declined it (reject, seed 002 {@code rejectCall}). */
    REJECTED,
    /** The agent did not accept the offer before its deadline. */
    OFFER_TIMED_OUT,
    /** The agent went offline (signed off, or no connection left after the grace period). */
    AGENT_OFFLINE,
    /** The agent became busy or away while the offer was pending. */
    AGENT_UNAVAILABLE,
    /** Another agent picked the customer by hand while it was offered to this one. */
    PICKED_BY_OTHER,
    /** The agent transferred the chat and nobody could take it, so it went back to the queue front. */
    RETURNED_TO_QUEUE,
    /** The customer left or waited too long while the offer was pending. */
    CUSTOMER_GONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
