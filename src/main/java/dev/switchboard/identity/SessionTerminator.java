package dev.switchboard.identity;

/**
 * Ends a user's live connections (port; the socket layer implements it), so that a deactivated
 * account is cut off at once rather than when it next reconnects.
 */
@FunctionalInterface
public interface SessionTerminator {
    void disconnectAll(UserId user);
}
