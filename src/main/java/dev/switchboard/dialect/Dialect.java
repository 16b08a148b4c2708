package dev.switchboard.dialect;

/**
 * The event vocabularies Switchboard speaks on one namespace. A connection is taken to speak the
 * dialects whose events it has sent; events that exist in several dialects (a new message is
 * {@code chat:new_message} natively and {@code receive-message} in seed 004) are delivered in the
 * dialects a connection speaks, or in all of them while it has sent nothing yet.
 */
public enum Dialect {
    NATIVE,
    SEED004,
    /** Seed 000: live chat queue and technicians ({@code joinLiveChatQueue}, {@code selectCustomer} ...). */
    SEED000,
    /** Seed 002: calls to agents ({@code callAgent}, {@code callTransfer} ...). */
    SEED002,
    /** Seed 003's support chat events ({@code send_support_message}, {@code new_support_message} ...). */
    SEED003;

    final int bit() {
        return 1 << ordinal();
    }
}
