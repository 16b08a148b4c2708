/**
 * Support chats, a.k.a. tickets (capabilities C7, C9): a conversation of type
 * {@code customer_support} that belongs to one customer, with subject, priority, a status workflow,
 * an assignee, per-side unread counters, internal notes that customers never see, attachments and
 * statistics. {@link dev.switchboard.support.SupportChatStore} is the storage port ({@code jdbc}
 * implements it). Routing ({@code routing}) opens and assigns support chats through this package;
 * dialect handlers translate seed 003 and native {@code ticket:*} events to its calls.
 */
package dev.switchboard.support;
