package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), clock);

    private void assertLocked(String key) {
        assertThatThrownBy(() -> throttle.check(key)).isInstanceOf(SwitchboardException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SwitchboardException) e).code())
                        .isEqualTo(ErrorCode.RATE_LIMITED))
                .hasMessageContaining("try again in");
    }

    @Test
    void anEmailIsLockedAfterTheLimitOfFailuresWithinTheWindowAndOthersAreNot() {
        for (int i = 0; i < 2; i++) throttle.failed("a@x.test");
        assertThatCode(() -> throttle.check("a@x.test")).doesNotThrowAnyException();
        throttle.failed("a@x.test");

        assertLocked("a@x.test");
        assertThatCode(() -> throttle.check("b@x.test")).doesNotThrowAnyException();
    }

    @Test
    void theLockEndsWhenTheOldestFailureLeavesTheWindow() {
        throttle.failed("a@x.test");
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("a@x.test");
        throttle.failed("a@x.test");
        assertLocked("a@x.test");

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatCode(() -> throttle.check("a@x.test")).doesNotThrowAnyException();
        throttle.failed("a@x.test");
        assertLocked("a@x.test");
    }

    @Test
    void aSuccessClearsTheFailures() {
        throttle.failed("a@x.test");
        throttle.failed("a@x.test");
        throttle.succeeded("a@x.test");
        throttle.failed("a@x.test");
        throttle.failed("a@x.test");

        assertThatCode(() -> throttle.check("a@x.test")).doesNotThrowAnyException();
    }

    @Test
    void trackingIsBoundedSoInventedAddressesCannotGrowItWithoutLimit() {
        LoginThrottle small = new LoginThrottle(1, Duration.ofMinutes(10), clock, 2);
        small.failed("first@x.test");
        small.failed("second@x.test");
        small.failed("third@x.test");

        assertThatCode(() -> small.check("first@x.test")).as("the least recent one was forgotten")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> small.check("third@x.test")).isInstanceOf(SwitchboardException.class);
    }
}
