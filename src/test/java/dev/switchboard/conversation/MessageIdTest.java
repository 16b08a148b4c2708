package dev.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void timeOrderedIdsAreVersion7UuidsCarryingTheirMillisecond() {
        Instant at = Instant.parse("2026-11-22T06:40:00.123Z");
        UUID uuid = UUID.fromString(MessageId.timeOrdered(at).value());

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void timeOrderedIdsSortByTimeAsTextAndDifferWithinOneMillisecond() {
        Instant earlier = Instant.parse("2026-11-22T06:40:00.123Z");
        Instant later = earlier.plusMillis(1);

        assertThat(MessageId.timeOrdered(earlier).value()).isLessThan(MessageId.timeOrdered(later).value());
        Set<String> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 1000; i++) sameMillisecond.add(MessageId.timeOrdered(earlier).value());
        assertThat(sameMillisecond).hasSize(1000);
    }
}
