package dev.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final PresenceService presence = new PresenceService(clock);
    private final UserId ann = new UserId("ann");

    @Test
    void userIsOnlineFromFirstTabUntilLastTabCloses() {
        assertThat(presence.connected(ann)).isTrue();
        assertThat(presence.connected(ann)).isFalse();
        assertThat(presence.disconnected(ann)).isFalse();
        assertThat(presence.isOnline(ann)).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(presence.disconnected(ann)).isTrue();
        assertThat(presence.isOnline(ann)).isFalse();
        assertThat(presence.lastSeen(ann)).contains(Instant.parse("2026-01-01T10:05:00Z"));
    }

    @Test
    void disconnectOfUnknownUserChangesNothing() {
        assertThat(presence.disconnected(ann)).isFalse();
        assertThat(presence.online()).isEmpty();
        assertThat(presence.lastSeen(ann)).isEmpty();
    }
}
