package dev.switchboard.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatestOnlyTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> due = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final LatestOnly latest = new LatestOnly((task, delay) -> {
        due.add(task);
        delays.add(delay);
    }, Duration.ofMillis(100), now::get);

    @Test
    void theFirstChangeIsSentWithoutDelay() {
        latest.submit("count", () -> sent.add("1"));
        runDue();

        assertThat(sent).containsExactly("1");
        assertThat(delays).containsExactly(Duration.ZERO);
    }

    @Test
    void changesWithinTheWindowAreFoldedIntoOneBroadcastOfTheLatest() {
        latest.submit("count", () -> sent.add("1"));
        runDue();
        now.addAndGet(Duration.ofMillis(30).toNanos());
        for (int i = 2; i <= 50; i++) {
            String value = Integer.toString(i);
            latest.submit("count", () -> sent.add(value));
        }

        assertThat(due).as("one broadcast waits for the end of the window").hasSize(1);
        assertThat(delays.getLast()).isEqualTo(Duration.ofMillis(70));
        runDue();
        assertThat(sent).containsExactly("1", "50");
    }

    @Test
    void aChangeAfterAQuietWindowGoesOutAtOnceAgain() {
        latest.submit("count", () -> sent.add("1"));
        runDue();
        now.addAndGet(Duration.ofMillis(250).toNanos());
        latest.submit("count", () -> sent.add("2"));

        assertThat(delays.getLast()).isEqualTo(Duration.ZERO);
        runDue();
        assertThat(sent).containsExactly("1", "2");
    }

    @Test
    void kindsAreFoldedSeparately() {
        latest.submit("count", () -> sent.add("count"));
        latest.submit("technicians", () -> sent.add("technicians"));
        runDue();

        assertThat(sent).containsExactlyInAnyOrder("count", "technicians");
    }

    @Test
    void aChangeWhileABroadcastIsDueIsNotLost() {
        latest.submit("count", () -> sent.add("1"));
        latest.submit("count", () -> sent.add("2")); // before the first one ran
        runDue();

        assertThat(sent).containsExactly("2");
    }

    private void runDue() {
        List<Runnable> tasks = new ArrayList<>(due);
        due.clear();
        tasks.forEach(Runnable::run);
    }
}
