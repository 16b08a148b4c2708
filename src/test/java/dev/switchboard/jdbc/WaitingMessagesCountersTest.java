package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.jdbc.WaitingMessages.Counter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seq counter of a conversation just created: kept at 0 only when that cannot be stale, i.e. when
 * no counter is kept for it and none were let go since before it was created.
 */
class WaitingMessagesCountersTest {
    @Test
    void aNewConversationsCounterIsKeptAtZero() {
        WaitingMessages waiting = new WaitingMessages(true);
        ConversationId id = ConversationId.random();

        waiting.keepNew(id, waiting.countersDropped());

        assertThat(waiting.locked(() -> waiting.counter(id).lastSeq)).isZero();
    }

    @Test
    void aCounterAlreadyKeptIsNotReplaced() {
        WaitingMessages waiting = new WaitingMessages(true);
        ConversationId id = ConversationId.random();
        long dropped = waiting.countersDropped();
        Counter kept = new Counter(7, false);
        waiting.locked(() -> {
            waiting.keep(id, kept);
            return null;
        });

        waiting.keepNew(id, dropped);

        assertThat(waiting.locked(() -> waiting.counter(id))).isSameAs(kept);
    }

    @Test
    void nothingIsKeptWhenCountersWereLetGoSinceTheConversationWasCreated() {
        WaitingMessages waiting = new WaitingMessages(false); // one stage: messages leave when applied
        long dropped = waiting.countersDropped(); // read before the conversation is created
        waiting.locked(() -> {
            for (int i = 0; i <= WaitingMessages.KEEP_COUNTERS; i++) {
                waiting.keep(ConversationId.random(), new Counter(3, false));
            }
            return null;
        });
        waiting.applied(List.of()); // over the limit: the idle counters are let go
        assertThat(waiting.countersDropped()).isNotEqualTo(dropped);
        ConversationId id = ConversationId.random();

        waiting.keepNew(id, dropped);

        assertThat(waiting.locked(() -> waiting.counter(id))).as("a counter let go may have been this one's").isNull();
    }
}
