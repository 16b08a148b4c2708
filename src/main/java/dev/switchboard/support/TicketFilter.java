package dev.switchboard.support;

import dev.switchboard.identity.UserId;

/**
 * What a list of support chats is narrowed to; null fields do not narrow.
 *
 * @param customer   only this customer's chats (a customer listing their own)
 * @param unassigned only chats without assignee ({@code assignee} is then ignored)
 * @param text       case-insensitive substring of the subject, the customer's name or e-mail, or the
 *                   text of a message the viewer may see (never a note for a customer)
 */
public record TicketFilter(
        TicketStatus status, Priority priority, UserId assignee, boolean unassigned, UserId customer, String text) {
    public static final int MAX_TEXT = 200;

    public static TicketFilter none() {
        return new TicketFilter(null, null, null, false, null, null);
    }
}
