package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChatStore.Writers;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatWritersTest {
    private static final ConversationId CHAT = new ConversationId("chat-1");
    private static final Writers BEFORE = new Writers(new UserId("c"), new UserId("a"));
    private static final Writers AFTER = new Writers(new UserId("c"), new UserId("b"));

    @Test
    void aReadWritersAreRememberedUntilTheChatIsAssignedAgain() {
        ChatWriters writers = new ChatWriters();
        AtomicInteger reads = new AtomicInteger();

        assertThat(writers.remembered(CHAT)).isNull();
        assertThat(writers.get(CHAT, id -> { reads.incrementAndGet(); return Optional.of(BEFORE); })).contains(BEFORE);
        assertThat(writers.get(CHAT, id -> { reads.incrementAndGet(); return Optional.of(AFTER); })).contains(BEFORE);
        assertThat(reads).hasValue(1);

        writers.assigned(CHAT);

        assertThat(writers.remembered(CHAT)).isNull();
        assertThat(writers.get(CHAT, id -> Optional.of(AFTER))).contains(AFTER);
        assertThat(writers.remembered(CHAT)).isEqualTo(AFTER);
    }

    @Test
    void aReadThatAnAssignmentOvertookIsAnsweredButNotRemembered() {
        ChatWriters writers = new ChatWriters();

        // the read saw the old assignee; the assignment committed and was told before the read ended
        Optional<Writers> read = writers.get(CHAT, id -> {
            writers.assigned(CHAT);
            return Optional.of(BEFORE);
        });

        assertThat(read).contains(BEFORE);
        assertThat(writers.remembered(CHAT)).as("the next send reads again").isNull();
    }

    @Test
    void aConversationWithoutASupportChatIsNotRemembered() {
        ChatWriters writers = new ChatWriters();

        assertThat(writers.get(CHAT, id -> Optional.empty())).isEmpty();
        assertThat(writers.remembered(CHAT)).isNull();
    }
}
