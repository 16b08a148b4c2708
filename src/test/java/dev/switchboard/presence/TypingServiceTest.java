package dev.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypingServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final TypingService typing = new TypingService(clock, Duration.ofSeconds(5));
    private final ConversationId room = new ConversationId("c1");
    private final UserId ann = new UserId("ann");

    @Test
    void typingWithoutStopExpiresAfterTtl() {
        assertThat(typing.start(room, ann)).isTrue();
        clock.advance(Duration.ofSeconds(4));
        assertThat(typing.expireDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(typing.expireDue()).containsExactly(new TypingService.Typist(room, ann));
        assertThat(typing.typing(room)).isEmpty();
    }

    @Test
    void repeatedStartExtendsTheDeadlineAndIsNotANewStart() {
        typing.start(room, ann);
        clock.advance(Duration.ofSeconds(4));
        assertThat(typing.start(room, ann)).isFalse();
        clock.advance(Duration.ofSeconds(4));
        assertThat(typing.expireDue()).isEmpty();
        assertThat(typing.typing(room)).containsExactly(ann);
    }

    @Test
    void stopReportsWhetherTheUserWasTyping() {
        assertThat(typing.stop(room, ann)).isFalse();
        typing.start(room, ann);
        assertThat(typing.stop(room, ann)).isTrue();
        assertThat(typing.expireDue()).isEmpty();
    }

    @Test
    void stopAllEndsTypingInEveryConversationOfTheUser() {
        ConversationId other = new ConversationId("c2");
        typing.start(room, ann);
        typing.start(other, ann);
        typing.start(room, new UserId("bob"));
        assertThat(typing.stopAll(ann)).containsExactlyInAnyOrder(room, other);
        assertThat(typing.typing(room)).containsExactly(new UserId("bob"));
    }
}
