package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What stored messages still have to move in H2, kept per conversation instead of per message: its last
 * seq and latest time, how many messages that covers, and the messages of support chats (whose counters
 * move per sender). A message whose effects wait here has left the {@link WaitingMessages} list: it is
 * in the {@link RocksMessageStore}, which answers for it. Applied in one H2 transaction that also
 * records {@link #lastPosition()} as applied, so it moves H2 once. Where messages are rows of H2 instead,
 * each batch gathers its effects in one the same way ({@link AppliedMessages#insertAll}). Not
 * thread-safe: {@link ApplyStages} holds it under the list's lock, and hands a full one to the applier,
 * which only reads it.
 */
final class PendingEffects {
    /** One conversation's effects. */
    static final class Conversation {
        final ConversationId id;
        long lastSeq;
        Instant latest;
        int messages;

        private Conversation(ConversationId id) {
            this.id = id;
        }
    }

    private final Map<ConversationId, Conversation> conversations = new HashMap<>();
    private final List<Message> ofSupportChats = new ArrayList<>();
    private long firstPosition = -1;
    private long lastPosition = -1;
    private int messages;
    private final long sinceNanos;

    /** Effects gathered from {@code sinceNanos} on (when the first of them was stored). */
    PendingEffects(long sinceNanos) {
        this.sinceNanos = sinceNanos;
    }

    /** Adds the effects of a stored message; messages come in journal order. */
    void add(WaitingMessages.Waiting w) {
        Message m = w.message();
        Conversation c = conversations.computeIfAbsent(m.conversationId(), Conversation::new);
        if (c.messages == 0 || m.seq() > c.lastSeq) c.lastSeq = m.seq();
        if (c.latest == null || m.createdAt().isAfter(c.latest)) c.latest = m.createdAt();
        c.messages++;
        if (w.supportChat()) ofSupportChats.add(m);
        if (firstPosition < 0) firstPosition = w.position();
        lastPosition = w.position();
        messages++;
    }

    boolean isEmpty() {
        return messages == 0;
    }

    /** Messages whose effects these are. */
    int messages() {
        return messages;
    }

    /** The journal position of the first message here, -1 when empty. */
    long firstPosition() {
        return firstPosition;
    }

    /** The journal position of the last message here, -1 when empty. */
    long lastPosition() {
        return lastPosition;
    }

    /** When the first of these messages was stored ({@link System#nanoTime}). */
    long sinceNanos() {
        return sinceNanos;
    }

    Collection<Conversation> conversations() {
        return conversations.values();
    }

    /** The messages of support chats, in journal order (their counters move per sender). */
    List<Message> ofSupportChats() {
        return ofSupportChats;
    }
}
