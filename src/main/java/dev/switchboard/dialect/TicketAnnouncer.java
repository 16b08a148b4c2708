package dev.switchboard.dialect;

import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatListener;
import dev.switchboard.support.TicketService;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces created and changed support chats to staff (room {@code staff}) and to the customer,
 * each side seeing its own view (a customer's never mentions notes). Native: {@code ticket:created}
 * (staff), {@code ticket:updated} (both). Seed 003: {@code support_chat_status_updated} on a status
 * or priority change and {@code support_chat_assigned} on an assignment (both sides).
 */
public final class TicketAnnouncer implements SupportChatListener {
    private static final Logger log = LoggerFactory.getLogger(TicketAnnouncer.class);

    private final TicketService tickets;
    private final Delivery delivery;

    public TicketAnnouncer(TicketService tickets, Delivery delivery) {
        this.tickets = tickets;
        this.delivery = delivery;
    }

    @Override
    public void changed(SupportChat chat, SupportChat before, boolean created) {
        try {
            TicketViews.TicketView forStaff = TicketViews.ticket(tickets.asSeenBy(chat, true));
            TicketViews.TicketView forCustomer = TicketViews.ticket(tickets.asSeenBy(chat, false));
            delivery.toStaff(Dialect.NATIVE, created ? "ticket:created" : "ticket:updated", Map.of("ticket", forStaff));
            delivery.toUser(chat.customer(), Dialect.NATIVE, "ticket:updated", Map.of("ticket", forCustomer));
            if (before == null) return;
            if (before.status() != chat.status() || before.priority() != chat.priority()) {
                delivery.toStaff(Dialect.SEED003, "support_chat_status_updated", Seed003Views.statusUpdated(chat, forStaff));
                delivery.toUser(chat.customer(), Dialect.SEED003, "support_chat_status_updated",
                        Seed003Views.statusUpdated(chat, forCustomer));
            }
            if (chat.assignee() != null && !chat.assignee().equals(before.assignee())) {
                delivery.toStaff(Dialect.SEED003, "support_chat_assigned", Seed003Views.assigned(chat, forStaff));
                delivery.toUser(chat.customer(), Dialect.SEED003, "support_chat_assigned", Seed003Views.assigned(chat, forCustomer));
            }
        } catch (RuntimeException e) {
            // the change is committed; a failed announcement must not fail the caller's request
            log.warn("could not announce support chat {}: {}", chat.id(), e.toString());
        }
    }
}
