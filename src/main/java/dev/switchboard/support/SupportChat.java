package dev.switchboard.support;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A support chat (ticket): the support-specific state of one {@code customer_support} conversation.
 *
 * @param department  the team it belongs to; "" is the general department
 * @param details     what the pre-chat form collected, as a JSON object (name, email, topic, fields)
 * @param assignee    the agent or admin serving it, or null
 * @param unreadByStaff    customer messages staff have not read yet
 * @param unreadByCustomer customer-visible staff messages the customer has not read yet (never notes)
 */
public record SupportChat(
        ConversationId id, UserId customer, UserId assignee, String department, String subject, Priority priority,
        TicketStatus status, String details, long unreadByStaff, long unreadByCustomer, Instant createdAt,
        Instant updatedAt, Instant firstResponseAt, Instant resolvedAt, Instant closedAt) {
    public static final int MAX_SUBJECT = 300;

    public SupportChat {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
